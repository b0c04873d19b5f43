package org.rotograd4j.samples.subspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary release ({@code cifar-10-binary.tar.gz}, unpacked to {@code
 * cifar-10-batches-bin/}): training batches {@code data_batch_1.bin} to {@code data_batch_5.bin} and {@code
 * test_batch.bin}, each a sequence of {@value #RECORD_BYTES}-byte records: one label byte (a class from 0 to
 * 9), then the 1,024 red, 1,024 green and 1,024 blue bytes of a 32x32 image, row-major.
 *
 * <p>Every error names the file, and where it lies in one, the record and the byte.
 */
public final class Cifar10Files {

    /** The side of a CIFAR-10 image. */
    public static final int SIDE = 32;
    /** The channels of a CIFAR-10 image: red, green, blue. */
    public static final int CHANNELS = 3;
    /** The bytes of one record: a label byte and the image. */
    public static final int RECORD_BYTES = 1 + CHANNELS * SIDE * SIDE;
    /** The training batches' file names. */
    public static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch's file name. */
    public static final String TEST_BATCH = "test_batch.bin";

    private Cifar10Files() {}

    /**
     * Reads the five training batches, in order.
     *
     * @param folder {@code cifar-10-batches-bin}, or a folder that holds it
     * @return their images
     * @throws IOException if a batch is missing or malformed (naming it)
     */
    public static LabelledImages readTrain(Path folder) throws IOException {
        return read(folder, TRAIN_BATCHES);
    }

    /**
     * Reads the test batch.
     *
     * @param folder {@code cifar-10-batches-bin}, or a folder that holds it
     * @return its images
     * @throws IOException if it is missing or malformed (naming it)
     */
    public static LabelledImages readTest(Path folder) throws IOException {
        return read(folder, List.of(TEST_BATCH));
    }

    /**
     * Finds the folder of the batch files.
     *
     * @param folder {@code cifar-10-batches-bin} or a folder that holds it
     * @return the folder that holds {@value #TEST_BATCH}, or {@code folder} when neither does
     */
    public static Path batchFolder(Path folder) {
        Path nested = folder.resolve("cifar-10-batches-bin");
        return !Files.isRegularFile(folder.resolve(TEST_BATCH)) && Files.isDirectory(nested) ? nested : folder;
    }

    private static LabelledImages read(Path folder, List<String> names) throws IOException {
        Path batches = batchFolder(folder);
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (String name : names) {
            Path file = batches.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IOException(file.toAbsolutePath() + ": no such CIFAR-10 batch file. Download the binary "
                        + "release, https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz, unpack it and pass "
                        + "--data <the folder that holds cifar-10-batches-bin>");
            }
            byte[] bytes = Files.readAllBytes(file);
            check(file, bytes);
            contents.add(bytes);
            records += bytes.length / RECORD_BYTES;
        }
        int imageBytes = RECORD_BYTES - 1;
        byte[] pixels = new byte[Math.toIntExact(records * imageBytes)];
        byte[] labels = new byte[(int) records];
        int image = 0;
        for (byte[] bytes : contents) {
            for (int offset = 0; offset < bytes.length; offset += RECORD_BYTES, image++) {
                labels[image] = bytes[offset];
                System.arraycopy(bytes, offset + 1, pixels, image * imageBytes, imageBytes);
            }
        }
        return new LabelledImages((int) records, CHANNELS, SIDE, pixels, labels);
    }

    private static void check(Path file, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            throw new IOException(file + ": empty, not a CIFAR-10 batch of " + RECORD_BYTES + "-byte records");
        }
        int records = bytes.length / RECORD_BYTES;
        if (bytes.length % RECORD_BYTES != 0) {
            throw new IOException(file + ": truncated record " + records + " (counting from 0): the file holds "
                    + bytes.length + " bytes, " + records + " whole " + RECORD_BYTES + "-byte records and "
                    + bytes.length % RECORD_BYTES + " bytes more");
        }
        for (int record = 0; record < records; record++) {
            int label = bytes[record * RECORD_BYTES] & 0xff;
            if (label >= LabelledImages.CLASSES) {
                throw new IOException(file + ": record " + record + " (byte " + (long) record * RECORD_BYTES
                        + ") has label " + label + ", not a class from 0 to " + (LabelledImages.CLASSES - 1));
            }
        }
    }
}
