package org.rotograd4j.samples.subspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes CIFAR-10 batch files in the binary release's format, with pixels that tell where they came from. */
final class Cifar10Fixture {

    private Cifar10Fixture() {}

    /**
     * Returns one record: the label byte, then red, green and blue planes of 32x32 bytes, row-major, where
     * the byte of (channel, row, column) of image {@code image} is {@link #pixel}.
     */
    static byte[] record(int image, int label) {
        byte[] record = new byte[Cifar10Files.RECORD_BYTES];
        record[0] = (byte) label;
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 32; r++) {
                for (int col = 0; col < 32; col++) {
                    record[1 + (c * 32 + r) * 32 + col] = (byte) pixel(image, c, r, col);
                }
            }
        }
        return record;
    }

    /** The value the fixture gives a pixel, from 0 to 255. */
    static int pixel(int image, int channel, int row, int column) {
        return (image * 7 + channel * 50 + row * 3 + column) % 256;
    }

    /** Writes a batch of images {@code first} to {@code first + labels.length - 1}, with these labels. */
    static Path batch(Path file, int first, int... labels) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[labels.length * Cifar10Files.RECORD_BYTES];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(record(first + i, labels[i]), 0, bytes, i * Cifar10Files.RECORD_BYTES,
                    Cifar10Files.RECORD_BYTES);
        }
        return Files.write(file, bytes);
    }

    /**
     * Writes a whole release into {@code folder/cifar-10-batches-bin}: five training batches of {@code
     * perBatch} images whose labels cycle through the classes, and a test batch of {@code test} images.
     */
    static Path release(Path folder, int perBatch, int test) throws IOException {
        Path batches = folder.resolve("cifar-10-batches-bin");
        int image = 0;
        for (String name : Cifar10Files.TRAIN_BATCHES) {
            batch(batches.resolve(name), image, cyclingLabels(image, perBatch));
            image += perBatch;
        }
        batch(batches.resolve(Cifar10Files.TEST_BATCH), 0, cyclingLabels(0, test));
        return folder;
    }

    private static int[] cyclingLabels(int first, int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (first + i) % 10;
        }
        return labels;
    }
}
