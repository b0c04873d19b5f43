package org.rotograd4j.samples.multimnist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small IDX files in the published format (big-endian header, unsigned bytes), gzipped like the releases;
 * the spark module's tests use it too, from this module's test jar.
 */
public final class IdxFixture {

    private IdxFixture() {}

    /**
     * Writes {@code count} random 28x28 images and labels 0-9 under {@code prefix}-images/-labels files.
     *
     * @param folder the folder, created when missing
     * @param prefix {@code train} or {@code t10k}
     * @param count the number of images
     * @param seed the seed of the pixels and labels
     * @throws IOException if a file cannot be written
     */
    public static void write(Path folder, String prefix, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0);
        }
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        images(folder.resolve(prefix + "-images-idx3-ubyte.gz"), count, 28, 28, pixels);
        labels(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    static void images(Path file, int count, int rows, int columns, byte[] pixels) throws IOException {
        write(file, gzip(idx(0x803, new int[] {count, rows, columns}, pixels)));
    }

    static void labels(Path file, byte[] labels) throws IOException {
        write(file, gzip(idx(0x801, new int[] {labels.length}, labels)));
    }

    /** Returns an IDX file's bytes: the magic number, the dimensions (big-endian) and the data, not gzipped. */
    static byte[] idx(int magic, int[] dimensions, byte[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length).putInt(magic);
        for (int dimension : dimensions) {
            bytes.putInt(dimension);
        }
        return bytes.put(data).array();
    }

    /** Returns bytes gzipped as the releases are: one member, with a CRC-32 and length trailer. */
    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Writes bytes to a file, creating its folder. */
    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
    }
}
