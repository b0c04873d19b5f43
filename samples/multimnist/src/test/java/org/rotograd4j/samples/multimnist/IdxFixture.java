package org.rotograd4j.samples.multimnist;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files in the published format (big-endian header, unsigned bytes), gzipped like the releases. */
final class IdxFixture {

    private IdxFixture() {}

    /** Writes {@code count} random 28x28 images and labels 0-9 under {@code prefix}-images/-labels files. */
    static void write(Path folder, String prefix, int count, long seed) throws IOException {
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
        try (DataOutputStream out = new DataOutputStream(gzip(file))) {
            out.writeInt(0x803);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(columns);
            out.write(pixels);
        }
    }

    static void labels(Path file, byte[] labels) throws IOException {
        try (DataOutputStream out = new DataOutputStream(gzip(file))) {
            out.writeInt(0x801);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static OutputStream gzip(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new GZIPOutputStream(Files.newOutputStream(file));
    }
}
