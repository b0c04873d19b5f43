package org.rotograd4j.samples.multimnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** Bad IDX files, raw and gzipped: each is an {@link IOException} naming the file, found before allocating much. */
class IdxFileTest {

    private static final int IMAGES = 0x803;
    private static final int LABELS = 0x801;

    @TempDir
    Path folder;

    @Test
    void aFileEndingInsideTheHeaderIsATruncatedHeader() throws IOException {
        byte[] whole = IdxFixture.idx(IMAGES, new int[] {1, 2, 2}, new byte[4]);
        Path raw = folder.resolve("images-idx3-ubyte");
        IdxFixture.write(raw, Arrays.copyOf(whole, 10));
        assertError(() -> IdxFile.readImages(raw), raw, "truncated header", "after 10 of the 16 bytes");
        IdxFixture.write(raw, Arrays.copyOf(whole, 2));
        assertError(() -> IdxFile.readImages(raw), raw, "truncated header", "after 2 of the 16 bytes");
        Path gz = folder.resolve("labels-idx1-ubyte.gz");
        IdxFixture.write(gz, IdxFixture.gzip(Arrays.copyOf(IdxFixture.idx(LABELS, new int[] {3}, new byte[3]), 6)));
        assertError(() -> IdxFile.readLabels(gz), gz, "truncated header", "after 6 of the 8 bytes");
    }

    @Test
    void hugeAnnouncedSizesFailWithoutAllocatingThem() throws IOException {
        Path labels = folder.resolve("labels-idx1-ubyte");
        IdxFixture.write(labels, IdxFixture.idx(LABELS, new int[] {Integer.MAX_VALUE}, new byte[] {1, 2, 3}));
        assertError(() -> IdxFile.readLabels(labels), labels, "truncated", "2147483647 labels", "holds 3 bytes");

        Path gzLabels = folder.resolve("labels-idx1-ubyte.gz");
        IdxFixture.write(gzLabels, IdxFixture.gzip(IdxFixture.idx(LABELS, new int[] {1_500_000_000}, new byte[1000])));
        long before = allocatedBytes();
        assertError(() -> IdxFile.readLabels(gzLabels), gzLabels, "truncated", "1500000000 labels", "ends after 1000");
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 16 << 20, "reading 1000 bytes allocated " + allocated + " bytes");

        Path images = folder.resolve("images-idx3-ubyte");
        IdxFixture.write(images, IdxFixture.idx(IMAGES, new int[] {1, 46341, 46341}, new byte[16]));
        assertError(() -> IdxFile.readImages(images), images, "truncated", "1 items of 46341x46341", "holds 16 bytes");
        Path gzImages = folder.resolve("images-idx3-ubyte.gz");
        IdxFixture.write(gzImages, IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {1, 46341, 46341}, new byte[16])));
        assertError(() -> IdxFile.readImages(gzImages), gzImages, "1 items of 46341x46341", "more bytes than one array");
        IdxFixture.write(gzImages, IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {-1, -1, -1}, new byte[16])));
        assertError(() -> IdxFile.readImages(gzImages), gzImages, "4294967295 items of 4294967295x4294967295",
                "more bytes than one array");
    }

    @Test
    void emptyDimensionsAreInvalid() throws IOException {
        Path images = folder.resolve("images-idx3-ubyte.gz");
        IdxFixture.write(images, IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {2, 0, 28}, new byte[0])));
        assertError(() -> IdxFile.readImages(images), images, "invalid header", "2 items of 0x28");
        IdxFixture.write(images, IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {0, 28, 28}, new byte[0])));
        assertError(() -> IdxFile.readImages(images), images, "invalid header", "0 items of 28x28");
        Path labels = folder.resolve("labels-idx1-ubyte");
        IdxFixture.write(labels, IdxFixture.idx(LABELS, new int[] {0}, new byte[0]));
        assertError(() -> IdxFile.readLabels(labels), labels, "invalid header", "0 labels");
    }

    @Test
    void dataBeyondTheAnnouncedItemsIsAnError() throws IOException {
        Path raw = folder.resolve("labels-idx1-ubyte");
        IdxFixture.write(raw, IdxFixture.idx(LABELS, new int[] {2}, new byte[] {1, 2, 3, 4, 5}));
        assertError(() -> IdxFile.readLabels(raw), raw, "3 bytes more than its header announces (2 labels)");
        Path gz = folder.resolve("images-idx3-ubyte.gz");
        IdxFixture.write(gz, IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {1, 2, 2}, new byte[5])));
        assertError(() -> IdxFile.readImages(gz), gz, "more data than its header announces (1 items of 2x2)");
    }

    @Test
    void aDamagedGzipTrailerOrStreamIsAnError() throws IOException {
        byte[] pixels = new byte[3 * 28 * 28];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0);
        }
        byte[] good = IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {3, 28, 28}, pixels));
        Path file = folder.resolve("t10k-images-idx3-ubyte.gz");
        IdxFixture.write(file, good);
        assertArrayEquals(pixels, IdxFile.readImages(file).bytes());

        byte[] badCrc = good.clone();
        badCrc[good.length - 8] ^= 1;
        IdxFixture.write(file, badCrc);
        assertError(() -> IdxFile.readImages(file), file, "damaged gzip data");

        byte[] badLength = good.clone();
        badLength[good.length - 4] ^= 1;
        IdxFixture.write(file, badLength);
        assertError(() -> IdxFile.readImages(file), file, "damaged gzip data");

        IdxFixture.write(file, Arrays.copyOf(good, good.length - 5));
        assertError(() -> IdxFile.readImages(file), file, "truncated gzip data");

        IdxFixture.write(file, Arrays.copyOf(good, good.length / 2));
        assertError(() -> IdxFile.readImages(file), file, "truncated gzip data");

        // A damaged Huffman stream fails to inflate, inflates to another length, or fails the CRC-32 check.
        for (int at : new int[] {good.length / 3, good.length / 2, 2 * good.length / 3}) {
            byte[] damaged = good.clone();
            damaged[at] ^= 0x10;
            IdxFixture.write(file, damaged);
            assertError(() -> IdxFile.readImages(file), file);
        }
    }

    @Test
    void aDamagedStoredBlockIsCaughtByTheChecksum() throws IOException {
        byte[] pixels = new byte[28 * 28];
        new SplittableRandom(3).nextBytes(pixels);
        byte[] good = IdxFixture.gzip(IdxFixture.idx(IMAGES, new int[] {1, 28, 28}, pixels));
        assertTrue(good.length > pixels.length, "random pixels are stored, not compressed");
        byte[] damaged = good.clone();
        damaged[good.length / 2] ^= 1;
        Path file = folder.resolve("train-images-idx3-ubyte.gz");
        IdxFixture.write(file, damaged);
        assertError(() -> IdxFile.readImages(file), file, "damaged gzip data", "Corrupt GZIP trailer");
    }

    @Test
    void labelsOutsideTheTenClassesAreErrors() throws IOException {
        Path file = folder.resolve("train-labels-idx1-ubyte.gz");
        IdxFixture.labels(file, new byte[] {3, 9, 0, 10, (byte) 255});
        assertError(() -> IdxFile.readLabels(file), file, "label 3 is 10, not a class from 0 to 9");
        IdxFixture.labels(file, new byte[] {3, 9, 0, (byte) 255});
        assertError(() -> IdxFile.readLabels(file), file, "label 3 is 255");
        IdxFixture.labels(file, new byte[] {3, 9, 0});
        assertEquals(9, IdxFile.readLabels(file).label(1));
    }

    private static void assertError(Executable read, Path file, String... parts) {
        String message = assertThrows(IOException.class, read).getMessage();
        assertNotNull(message, "the error has a message");
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    /** Returns the bytes this thread allocated so far. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
