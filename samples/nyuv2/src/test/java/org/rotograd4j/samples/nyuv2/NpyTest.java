package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path folder;

    @Test
    void readsFloat32InFormat1() throws IOException {
        Path file = folder.resolve("a.npy");
        float[] values = {0f, -1.5f, 3.25f, Float.MAX_VALUE, 1e-30f, 7f};
        NpyWriter.float32(file, new long[] {2, 3}, values);
        Npy array = Npy.read(file);
        assertEquals(Npy.DType.FLOAT32, array.header().dtype());
        assertEquals(List.of(2L, 3L), array.shape());
        assertArrayEquals(values, array.values());
        assertEquals(128, array.header().dataOffset(), "numpy pads the header to 64 bytes");
    }

    @Test
    void readsFloat64InFormat2() throws IOException {
        Path file = folder.resolve("b.npy");
        NpyWriter.float64(file, new long[] {4}, new double[] {0.1, -2, 1e300, 5.5});
        Npy array = Npy.read(file);
        assertEquals(Npy.DType.FLOAT64, array.header().dtype());
        assertEquals(List.of(4L), array.shape());
        assertArrayEquals(new float[] {0.1f, -2f, Float.POSITIVE_INFINITY, 5.5f}, array.values());
    }

    @Test
    void readsInt64InFormat3() throws IOException {
        Path file = folder.resolve("c.npy");
        NpyWriter.int64(file, new long[] {1, 2, 2}, new long[] {-1, 0, 12, 1L << 20});
        Npy array = Npy.read(file);
        assertEquals(Npy.DType.INT64, array.header().dtype());
        assertEquals(List.of(1L, 2L, 2L), array.shape());
        assertArrayEquals(new float[] {-1, 0, 12, 1 << 20}, array.values());
    }

    @Test
    void readsInt32AndUint8() throws IOException {
        Path ints = folder.resolve("d.npy");
        NpyWriter.int32(ints, new long[] {3}, new int[] {-7, 0, 65536});
        assertArrayEquals(new float[] {-7, 0, 65536}, Npy.read(ints).values());
        Path bytes = folder.resolve("e.npy");
        NpyWriter.uint8(bytes, new long[] {2, 2}, new byte[] {0, 1, (byte) 200, (byte) 255});
        Npy array = Npy.read(bytes);
        assertEquals(Npy.DType.UINT8, array.header().dtype());
        assertArrayEquals(new float[] {0, 1, 200, 255}, array.values());
    }

    @Test
    void readsScalarsAndPython2Headers() throws IOException {
        Path scalar = folder.resolve("scalar.npy");
        NpyWriter.write(scalar, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", bytes(4));
        assertEquals(List.of(), Npy.read(scalar).shape());
        assertEquals(1, Npy.read(scalar).values().length);
        Path old = folder.resolve("old.npy");
        NpyWriter.write(old, 1, "{\"descr\":\"<f4\",\"fortran_order\":False,\"shape\":(2L, 1L)}", bytes(8));
        assertEquals(List.of(2L, 1L), Npy.readHeader(old).shape());
    }

    @Test
    void rejectsBigEndian() throws IOException {
        Path file = folder.resolve("big.npy");
        NpyWriter.write(file, 1, NpyWriter.header(">f4", false, new long[] {2}), bytes(8));
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertMessage(e, file, "big-endian", "'>f4'", "astype('<f4')");
    }

    @Test
    void rejectsFortranOrder() throws IOException {
        Path file = folder.resolve("fortran.npy");
        NpyWriter.write(file, 1, NpyWriter.header("<f4", true, new long[] {2, 2}), bytes(16));
        IOException e = assertThrows(IOException.class, () -> Npy.readHeader(file));
        assertMessage(e, file, "Fortran-order", "ascontiguousarray");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        Path file = folder.resolve("short.npy");
        NpyWriter.write(file, 1, NpyWriter.header("<f4", false, new long[] {3, 4}), bytes(40));
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertMessage(e, file, "truncated", "(3, 4)", "48 bytes", "holds 40");
    }

    @Test
    void rejectsFilesCutInsideTheHeader() throws IOException {
        Path file = folder.resolve("cut.npy");
        NpyWriter.float32(file, new long[] {2}, new float[] {1, 2});
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, 30));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "truncated");
        Files.write(file, Arrays.copyOf(whole, 4));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "truncated");
    }

    @Test
    void rejectsExtraBytes() throws IOException {
        Path file = folder.resolve("long.npy");
        NpyWriter.write(file, 1, NpyWriter.header("<f4", false, new long[] {2}), bytes(12));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "4 bytes more");
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = folder.resolve("text.npy");
        Files.writeString(file, "this is not numpy data at all");
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "not a .npy file");
    }

    @Test
    void rejectsUnsupportedVersionsAndTypes() throws IOException {
        Path version = folder.resolve("v4.npy");
        NpyWriter.float32(version, new long[] {1}, new float[] {1});
        byte[] bytes = Files.readAllBytes(version);
        bytes[6] = 4;
        Files.write(version, bytes);
        assertMessage(assertThrows(IOException.class, () -> Npy.read(version)), version, "version 4.0");

        Path complex = folder.resolve("complex.npy");
        NpyWriter.write(complex, 1, NpyWriter.header("<c8", false, new long[] {1}), bytes(8));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(complex)), complex, "unsupported data type '<c8'",
                "<f4, <f8, <i8, <i4, |u1");

        Path bool = folder.resolve("bool.npy");
        NpyWriter.write(bool, 1, NpyWriter.header("|b1", false, new long[] {1}), bytes(1));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(bool)), bool, "'|b1'");

        Path structured = folder.resolve("structured.npy");
        NpyWriter.write(structured, 1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                bytes(4));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(structured)), structured, "structured");
    }

    @Test
    void rejectsMalformedHeaders() throws IOException {
        Path noShape = folder.resolve("noshape.npy");
        NpyWriter.write(noShape, 1, "{'descr': '<f4', 'fortran_order': False}", bytes(4));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(noShape)), noShape, "no 'shape'");
        Path garbage = folder.resolve("garbage.npy");
        NpyWriter.write(garbage, 1, "{'descr': '<f4', 'shape': (2, x)}", bytes(8));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(garbage)), garbage, "malformed .npy header");
    }

    @Test
    void rejectsUnparsableDimensions() throws IOException {
        Path file = folder.resolve("unparsable.npy");
        NpyWriter.write(file, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }",
                bytes(4));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "malformed .npy header",
                "dimension 99999999999999999999 is larger than 9223372036854775807");
        NpyWriter.write(file, 1, NpyWriter.header("<f4", false, new long[] {2, -3}), bytes(24));
        assertMessage(assertThrows(IOException.class, () -> Npy.readHeader(file)), file, "malformed .npy header",
                "not a non-negative integer");
        NpyWriter.write(file, 3, "{'descr': '<f4', 'fortran_order': False, 'shape': (\u0663,), }", bytes(12));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "malformed .npy header");
        NpyWriter.write(file, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }", bytes(8));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "malformed .npy header");
    }

    @Test
    void rejectsShapesWhoseSizeOverflows() throws IOException {
        Path file = folder.resolve("overflow.npy");
        NpyWriter.write(file, 1, NpyWriter.header("<f4", false, new long[] {1L << 32, 1L << 32}), bytes(16));
        assertMessage(assertThrows(IOException.class, () -> Npy.readHeader(file)), file, "(4294967296, 4294967296)",
                "more than 9223372036854775807 bytes");
        NpyWriter.write(file, 2, NpyWriter.header("<f8", false, new long[] {1L << 61}), bytes(16));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "(2305843009213693952,)",
                "more than 9223372036854775807 bytes");
        NpyWriter.write(file, 1, NpyWriter.header("|u1", false, new long[] {Long.MAX_VALUE, 3}), bytes(16));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "more than");
    }

    @Test
    void rejectsHugeShapesAgainstTheFileSize() throws IOException {
        Path file = folder.resolve("huge.npy");
        NpyWriter.write(file, 1, NpyWriter.header("<f4", false, new long[] {Long.MAX_VALUE / 4}), bytes(16));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "truncated",
                "9223372036854775804 bytes of data", "holds 16");
        NpyWriter.write(file, 1, NpyWriter.header("|u1", false, new long[] {1L << 31, 1L << 31}), bytes(16));
        assertMessage(assertThrows(IOException.class, () -> Npy.read(file)), file, "truncated", "holds 16");
    }

    @Test
    void aZeroDimensionHoldsNoDataWhateverTheOthers() throws IOException {
        Path file = folder.resolve("empty.npy");
        NpyWriter.write(file, 1, NpyWriter.header("<f8", false, new long[] {1L << 40, 1L << 40, 0}), bytes(0));
        Npy array = Npy.read(file);
        assertEquals(List.of(1L << 40, 1L << 40, 0L), array.shape());
        assertEquals(0, array.header().count());
        assertEquals(0, array.values().length);
    }

    private static byte[] bytes(int count) {
        return new byte[count];
    }

    private static void assertMessage(IOException e, Path file, String... parts) {
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }
}
