package org.rotograd4j.samples.subspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 binary reader on generated batch files, and the one-vs-rest tasks over what it reads. */
class Cifar10FilesTest {

    @TempDir
    Path folder;

    @Test
    void readsEveryRecordOfTheFiveBatchesInOrder() throws IOException {
        Cifar10Fixture.release(folder, 3, 4);
        LabelledImages train = Cifar10Files.readTrain(folder);
        assertEquals(15, train.count());
        assertEquals(3, train.channels());
        assertEquals(32, train.side());
        for (int image = 0; image < 15; image++) {
            assertEquals(image % 10, train.label(image), "label of image " + image);
            for (int[] at : new int[][] {{0, 0, 0}, {1, 5, 31}, {2, 31, 7}}) {
                assertEquals(Cifar10Fixture.pixel(image, at[0], at[1], at[2]), train.pixel(image, at[0], at[1], at[2]),
                        "image " + image + " at " + Arrays.toString(at));
            }
        }
        LabelledImages test = Cifar10Files.readTest(folder.resolve("cifar-10-batches-bin"));
        assertEquals(4, test.count());
        assertEquals(3, test.label(3));
    }

    @Test
    void aFileThatIsNotWholeRecordsNamesTheFileAndTheTruncatedRecord() throws IOException {
        Cifar10Fixture.release(folder, 2, 2);
        Path third = folder.resolve("cifar-10-batches-bin").resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(third);
        Files.write(third, Arrays.copyOf(bytes, bytes.length - 100));
        IOException error = assertThrows(IOException.class, () -> Cifar10Files.readTrain(folder));
        assertMentions(error, third.toString(), "truncated record 1", "6046 bytes", "1 whole 3073-byte records");
    }

    @Test
    void aLabelAboveNineNamesTheFileTheRecordTheByteAndTheValue() throws IOException {
        Path test = Cifar10Fixture.batch(folder.resolve(Cifar10Files.TEST_BATCH), 0, 1, 2, 12);
        IOException error = assertThrows(IOException.class, () -> Cifar10Files.readTest(folder));
        assertMentions(error, test.toString(), "record 2", "byte 6146", "label 12", "0 to 9");
    }

    @Test
    void aMissingBatchIsNamedWithWhereToGetTheData() throws IOException {
        Cifar10Fixture.release(folder, 1, 1);
        Path fourth = folder.resolve("cifar-10-batches-bin").resolve("data_batch_4.bin");
        Files.delete(fourth);
        IOException error = assertThrows(IOException.class, () -> Cifar10Files.readTrain(folder));
        assertMentions(error, fourth.toAbsolutePath().toString(), "no such CIFAR-10 batch file",
                "cifar-10-binary.tar.gz", "--data");
    }

    @Test
    void oneVsRestGivesOneBinaryLabelPerClassAndAveragesShrunkPixels() throws IOException {
        Cifar10Fixture.release(folder, 2, 3);
        OneVsRest tasks = OneVsRest.builder().setImages(Cifar10Files.readTest(folder)).optShrinkFactor(2)
                .setSampling(1, false).build();
        assertEquals(16, tasks.side());
        assertEquals(3, tasks.size());
        try (NDManager manager = NDManager.newBaseManager()) {
            Record record = tasks.get(manager, 2);
            assertEquals(List.of(0f, 0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f), record.getLabels().stream()
                    .map(label -> label.getFloat()).toList(), "image 2 is of class 2 only");
            float expected = (Cifar10Fixture.pixel(2, 1, 6, 10) + Cifar10Fixture.pixel(2, 1, 6, 11)
                    + Cifar10Fixture.pixel(2, 1, 7, 10) + Cifar10Fixture.pixel(2, 1, 7, 11)) / (4 * 255f);
            assertEquals(expected, record.getData().head().getFloat(1, 3, 5), 1e-6f);
        }
        OneVsRest.Builder odd = OneVsRest.builder().setImages(Cifar10Files.readTest(folder)).optShrinkFactor(3)
                .setSampling(1, false);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, odd::build);
        assertTrue(error.getMessage().contains("32x32 images by a factor of 3"), error.getMessage());
    }

    private static void assertMentions(Exception error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "'" + part + "' in: " + error.getMessage());
        }
    }
}
