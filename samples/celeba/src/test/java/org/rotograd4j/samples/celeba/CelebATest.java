package org.rotograd4j.samples.celeba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CelebATest {

    /** JPEG may move a solid color by a level or two, which standardization scales by up to 1/0.224. */
    private static final double JPEG_TOLERANCE = 3 / 255.0 / 0.224;

    @TempDir
    Path folder;

    private CelebAFiles files;

    @BeforeEach
    void writeFixture() throws IOException {
        files = CelebAFiles.read(CelebAFixture.write(folder));
    }

    @Test
    void recordsHoldStandardizedPixelsAndOneLabelPerAttribute() throws IOException {
        CelebA train = dataset(CelebA.Partition.TRAIN, 16).build();
        assertEquals(CelebAFixture.ATTRIBUTES, train.attributes());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i : new int[] {0, 7}) {
                Record record = train.get(manager, i);
                NDArray image = record.getData().singletonOrThrow();
                assertEquals(new Shape(3, 16, 16), image.getShape());
                float[] pixels = image.toFloatArray();
                Color color = CelebAFixture.color(i);
                int[] rgb = {color.getRed(), color.getGreen(), color.getBlue()};
                for (int c = 0; c < 3; c++) {
                    double expected = (rgb[c] / 255.0 - CelebA.MEAN[c]) / CelebA.STD[c];
                    for (int p : new int[] {0, 100, 255}) {
                        assertEquals(expected, pixels[c * 256 + p], JPEG_TOLERANCE, "image " + i + " channel " + c);
                    }
                }
                NDList labels = record.getLabels();
                assertEquals(40, labels.size());
                for (int k = 0; k < 40; k++) {
                    assertEquals(new Shape(1), labels.get(k).getShape());
                    assertEquals(CelebAFixture.label(i, k) ? 1f : 0f, labels.get(k).getFloat(0), "image " + i + " " + k);
                }
            }
        }
    }

    @Test
    void eachPartitionHoldsItsImagesInFileOrder() throws IOException {
        CelebA train = dataset(CelebA.Partition.TRAIN, 32).build();
        CelebA validation = dataset(CelebA.Partition.VALIDATION, 32).build();
        CelebA test = dataset(CelebA.Partition.TEST, 32).build();
        assertEquals(10, train.size());
        assertEquals(3, validation.size());
        assertEquals(3, test.size());
        assertEquals("000001.jpg", train.imageFile(0).getFileName().toString());
        assertEquals("000011.jpg", validation.imageFile(0).getFileName().toString());
        assertEquals("000016.jpg", test.imageFile(2).getFileName().toString());
        assertEquals(CelebA.Partition.TEST, test.partition());
        assertEquals(32, test.imageSize());
    }

    @Test
    void aLimitKeepsThePartitionsFirstImages() throws IOException {
        CelebA train = dataset(CelebA.Partition.TRAIN, 16).optLimit(4).build();
        assertEquals(4, train.size());
        assertEquals("000004.jpg", train.imageFile(3).getFileName().toString());
        assertEquals(3, dataset(CelebA.Partition.TEST, 16).optLimit(100).build().size());
    }

    @Test
    void aMissingImageIsNamedWithItsAttributeLine() throws IOException {
        Files.delete(folder.resolve("img_align_celeba/000012.jpg"));
        IOException error = assertThrows(IOException.class, () -> dataset(CelebA.Partition.VALIDATION, 16).build());
        assertTrue(error.getMessage().contains(CelebAFiles.ATTRIBUTE_FILE + " line 14: image 000012.jpg is missing from "
                + folder.resolve("img_align_celeba")), error.getMessage());
        assertEquals(1, dataset(CelebA.Partition.VALIDATION, 16).optLimit(1).build().size(), "only kept images count");
        assertEquals(10, dataset(CelebA.Partition.TRAIN, 16).build().size());
    }

    @Test
    void anUnreadableImageIsNamed() throws IOException {
        Files.writeString(folder.resolve("img_align_celeba/000002.jpg"), "not a JPEG");
        CelebA train = dataset(CelebA.Partition.TRAIN, 16).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            IOException error = assertThrows(IOException.class, () -> train.get(manager, 1));
            assertTrue(error.getMessage().startsWith(folder.resolve("img_align_celeba/000002.jpg") + ": not an image"),
                    error.getMessage());
        }
    }

    @Test
    void aTruncatedJpegIsNamed() throws IOException {
        Path file = folder.resolve("img_align_celeba/000003.jpg");
        CelebAFixture.writePhoto(file);
        byte[] whole = Files.readAllBytes(file);
        CelebA train = dataset(CelebA.Partition.TRAIN, 16).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            train.get(manager, 2);
            Files.write(file, Arrays.copyOf(whole, whole.length + 3));
            train.get(manager, 2);
            for (int length : new int[] {whole.length / 2, whole.length - 2, whole.length - 1}) {
                Files.write(file, Arrays.copyOf(whole, length));
                IOException error = assertThrows(IOException.class, () -> train.get(manager, 2), "cut at " + length);
                assertTrue(error.getMessage().startsWith(file + ": truncated JPEG"), error.getMessage());
            }
            byte[] cutWithEnd = Arrays.copyOf(whole, whole.length / 2 + 2);
            cutWithEnd[cutWithEnd.length - 2] = (byte) 0xff;
            cutWithEnd[cutWithEnd.length - 1] = (byte) 0xd9;
            Files.write(file, cutWithEnd);
            IOException error = assertThrows(IOException.class, () -> train.get(manager, 2));
            assertTrue(error.getMessage().startsWith(file + ": damaged image: "), error.getMessage());
            assertTrue(error.getMessage().contains("premature end of data segment"), error.getMessage());
            byte[] headerOnly = Arrays.copyOf(whole, 302);
            headerOnly[300] = (byte) 0xff;
            headerOnly[301] = (byte) 0xd9;
            Files.write(file, headerOnly);
            error = assertThrows(IOException.class, () -> train.get(manager, 2));
            assertTrue(error.getMessage().startsWith(file + ": damaged image: "), error.getMessage());
        }
    }

    @Test
    void theBuilderReadsTheFolderItself() throws IOException {
        CelebA test = CelebA.builder().setDataFolder(folder).optPartition(CelebA.Partition.TEST)
                .setSampling(2, false).build();
        assertEquals(3, test.size());
        assertEquals(64, test.imageSize());
        assertThrows(IllegalStateException.class, () -> CelebA.builder().setSampling(2, false).build());
        assertThrows(IllegalArgumentException.class, () -> CelebA.builder().optImageSize(0));
    }

    @Test
    void batchesHoldOneLabelArrayPerAttribute() throws Exception {
        CelebA train = dataset(CelebA.Partition.TRAIN, 16).setSampling(4, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = train.getData(manager).iterator().next();
            assertEquals(new Shape(4, 3, 16, 16), batch.getData().singletonOrThrow().getShape());
            assertEquals(40, batch.getLabels().size());
            assertEquals(new Shape(4, 1), batch.getLabels().get(31).getShape());
            float[] smiling = batch.getLabels().get(31).toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(CelebAFixture.label(i, 31) ? 1f : 0f, smiling[i], "Smiling of image " + i);
            }
            batch.close();
        }
    }

    @Test
    void optTasksLabelsOnlyThoseAttributesInThatOrder() throws Exception {
        CelebA train = dataset(CelebA.Partition.TRAIN, 16).optTasks(List.of("Young", "Smiling")).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = train.getData(manager).iterator().next();
            assertEquals(2, batch.getLabels().size());
            float[] young = batch.getLabels().get(0).toFloatArray();
            float[] smiling = batch.getLabels().get(1).toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(CelebAFixture.label(i, 39) ? 1f : 0f, young[i], "Young of image " + i);
                assertEquals(CelebAFixture.label(i, 31) ? 1f : 0f, smiling[i], "Smiling of image " + i);
            }
            batch.close();
        }
        assertThrows(IllegalArgumentException.class,
                () -> dataset(CelebA.Partition.TRAIN, 16).optTasks(List.of("Curly_Hair")).build());
    }

    @Test
    void loaderThreadsGiveTheSameBatchesInTheSameOrder() throws Exception {
        CelebA plain = dataset(CelebA.Partition.TRAIN, 16).setSampling(3, false).build();
        CelebA threaded = dataset(CelebA.Partition.TRAIN, 16).setSampling(3, false).optLoaderThreads(2).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            // Batches are closed when the next one comes: keep their contents.
            List<float[]> expected = new ArrayList<>();
            for (Batch batch : plain.getData(manager)) {
                expected.add(batch.getData().head().toFloatArray());
                expected.add(batch.getLabels().get(20).toFloatArray());
            }
            List<float[]> actual = new ArrayList<>();
            for (Batch batch : threaded.getData(manager)) {
                actual.add(batch.getData().head().toFloatArray());
                actual.add(batch.getLabels().get(20).toFloatArray());
            }
            assertEquals(8, expected.size(), "10 images in batches of 3");
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), (i % 2 == 0 ? "images" : "Male") + " of batch " + i / 2);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CelebA.builder().optLoaderThreads(-1));
    }

    @Test
    void resizingAveragesTheCoveredArea() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        int[] reds = {0, 255, 51, 102, 255, 255, 0, 0};
        for (int i = 0; i < reds.length; i++) {
            image.setRGB(i % 4, i / 4, new Color(reds[i], 0, 255).getRGB());
        }
        float[] resized = CelebA.resize(image, 2);
        float[] red = {(0 + 255) / 2f / 255, (51 + 102) / 2f / 255, 1, 0};
        assertArrayEquals(red, Arrays.copyOf(resized, 4), 1e-6f, "each output pixel averages 2x1 source pixels");
        assertArrayEquals(new float[] {0, 0, 0, 0}, Arrays.copyOfRange(resized, 4, 8), 0, "green");
        assertArrayEquals(new float[] {1, 1, 1, 1}, Arrays.copyOfRange(resized, 8, 12), 1e-6f, "blue");

        BufferedImage three = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        three.setRGB(0, 0, new Color(0, 0, 0).getRGB());
        three.setRGB(1, 0, new Color(90, 0, 0).getRGB());
        three.setRGB(2, 0, new Color(255, 0, 0).getRGB());
        float[] two = CelebA.resize(three, 2);
        assertEquals((0 + 0.5f * 90) / 1.5f / 255, two[0], 1e-6f, "the middle pixel is shared half and half");
        assertEquals((0.5f * 90 + 255) / 1.5f / 255, two[1], 1e-6f);
    }

    private CelebA.Builder dataset(CelebA.Partition partition, int size) {
        return CelebA.builder().setFiles(files).optPartition(partition).optImageSize(size).setSampling(4, false);
    }
}
