package org.rotograd4j.samples.nyuv2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Writes {@code .npy} files byte for byte as {@code numpy.save} does, and broken variants of them. */
final class NpyWriter {

    private NpyWriter() {}

    /** Writes little-endian float32 values, format 1.0. */
    static void float32(Path file, long[] shape, float[] values) throws IOException {
        ByteBuffer data = buffer(values.length * 4);
        for (float value : values) {
            data.putFloat(value);
        }
        write(file, 1, header("<f4", false, shape), data.array());
    }

    /** Writes little-endian float64 values, format 2.0. */
    static void float64(Path file, long[] shape, double[] values) throws IOException {
        ByteBuffer data = buffer(values.length * 8);
        for (double value : values) {
            data.putDouble(value);
        }
        write(file, 2, header("<f8", false, shape), data.array());
    }

    /** Writes little-endian int64 values, format 3.0. */
    static void int64(Path file, long[] shape, long[] values) throws IOException {
        ByteBuffer data = buffer(values.length * 8);
        for (long value : values) {
            data.putLong(value);
        }
        write(file, 3, header("<i8", false, shape), data.array());
    }

    /** Writes little-endian int32 values, format 1.0. */
    static void int32(Path file, long[] shape, int[] values) throws IOException {
        ByteBuffer data = buffer(values.length * 4);
        for (int value : values) {
            data.putInt(value);
        }
        write(file, 1, header("<i4", false, shape), data.array());
    }

    /** Writes uint8 values, format 1.0. */
    static void uint8(Path file, long[] shape, byte[] values) throws IOException {
        write(file, 1, header("|u1", false, shape), values);
    }

    /** numpy's header dictionary, such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}. */
    static String header(String descr, boolean fortranOrder, long[] shape) {
        String dims = shape.length == 1 ? "(" + shape[0] + ",)"
                : LongStream.of(shape).mapToObj(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") + ", 'shape': "
                + dims + ", }";
    }

    /** Writes a file: magic, version, header padded with spaces and a newline to a multiple of 64 bytes, data. */
    static void write(Path file, int major, String header, byte[] data) throws IOException {
        int lengthBytes = major == 1 ? 2 : 4;
        int preamble = 6 + 2 + lengthBytes;
        StringBuilder padded = new StringBuilder(header);
        while ((preamble + padded.length() + 1) % 64 != 0) {
            padded.append(' ');
        }
        padded.append('\n');
        byte[] text = padded.toString().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer out = buffer(preamble + text.length + data.length);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.putShort((short) text.length);
        } else {
            out.putInt(text.length);
        }
        out.put(text).put(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.array());
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
