package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NyuV2Test {

    private static final int H = 8;
    private static final int W = 12;

    @TempDir
    Path root;

    private NyuV2.Builder builder() {
        return NyuV2.builder().setRoot(root).setSampling(2, false);
    }

    @Test
    void readsMtanChannelsLastFiles() throws IOException {
        NyuV2Fixture.write(root, 3, 2, H, W, true);
        NyuV2 train = builder().build();
        assertEquals(3, train.size());
        assertEquals(2, builder().optSplit(NyuV2.Split.VAL).build().size());
        try (NDManager manager = NDManager.newBaseManager()) {
            Record record = train.get(manager, 1);
            NDArray image = record.getData().singletonOrThrow();
            assertEquals(new Shape(3, H, W), image.getShape());
            assertEquals(DataType.FLOAT32, image.getDataType());
            assertEquals(3, record.getLabels().size());
            NDArray label = record.getLabels().get(0);
            assertEquals(new Shape(H, W), label.getShape());
            assertEquals(DataType.INT64, label.getDataType());
            assertEquals(new Shape(1, H, W), record.getLabels().get(1).getShape());
            assertEquals(new Shape(3, H, W), record.getLabels().get(2).getShape());

            // The same scene channels first, as the fixture generated it before interleaving.
            float[] stored = Npy.read(root.resolve("train/image/1.npy")).values();
            float[] planes = image.toFloatArray();
            int pixels = H * W;
            for (int p = 0; p < pixels; p += 7) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(stored[p * 3 + c], planes[c * pixels + p], "pixel " + p + " channel " + c);
                }
            }
            float[] labels = Npy.read(root.resolve("train/label/1.npy")).values();
            long[] read = label.toLongArray();
            boolean unlabeled = false;
            for (int p = 0; p < pixels; p++) {
                assertEquals((long) labels[p], read[p]);
                unlabeled |= read[p] == -1;
            }
            assertTrue(unlabeled, "-1 labels are kept");
        }
    }

    @Test
    void readsChannelsFirstFilesTheSame() throws IOException {
        Path last = Files.createDirectories(root.resolve("last"));
        Path first = Files.createDirectories(root.resolve("first"));
        NyuV2Fixture.write(last, 2, 1, H, W, true);
        NyuV2Fixture.write(first, 2, 1, H, W, false);
        NyuV2 a = NyuV2.builder().setRoot(last).setSampling(1, false).build();
        NyuV2 b = NyuV2.builder().setRoot(first).setSampling(1, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Record ra = a.get(manager, 1);
            Record rb = b.get(manager, 1);
            assertArrayEquals(ra.getData().head().toFloatArray(), rb.getData().head().toFloatArray());
            for (int k = 0; k < 3; k++) {
                assertEquals(ra.getLabels().get(k), rb.getLabels().get(k), "label " + k);
            }
        }
    }

    @Test
    void limitsTasksAndResizes() throws IOException {
        NyuV2Fixture.write(root, 4, 1, H, W, true);
        NyuV2 limited = builder().optLimit(2).optTasks(List.of("normals", "segmentation")).optScale(0.5).build();
        assertEquals(2, limited.size());
        assertEquals(H / 2, limited.height());
        assertEquals(W / 2, limited.width());
        try (NDManager manager = NDManager.newBaseManager()) {
            Record record = limited.get(manager, 0);
            assertEquals(new Shape(3, H / 2, W / 2), record.getData().head().getShape());
            assertEquals(new Shape(3, H / 2, W / 2), record.getLabels().get(0).getShape());
            assertEquals(new Shape(H / 2, W / 2), record.getLabels().get(1).getShape());
            // Nearest neighbour: every resized label is the label of pixel (2r, 2c).
            float[] labels = Npy.read(root.resolve("train/label/0.npy")).values();
            long[] resized = record.getLabels().get(1).toLongArray();
            for (int r = 0; r < H / 2; r++) {
                for (int c = 0; c < W / 2; c++) {
                    assertEquals((long) labels[2 * r * W + 2 * c], resized[r * (W / 2) + c]);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> builder().optTasks(List.of("edges")));
        assertThrows(IllegalArgumentException.class, () -> builder().optScale(1.5));
    }

    @Test
    void augmentationKeepsShapesAndValidity() throws IOException {
        NyuV2Fixture.write(root, 2, 1, H, W, true);
        NyuV2 augmented = builder().optAugmentation(true).optSeed(3).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < 6; i++) {
                Record record = augmented.get(manager, i % 2);
                assertEquals(new Shape(3, H, W), record.getData().head().getShape());
                for (long label : record.getLabels().get(0).toLongArray()) {
                    assertTrue(label >= -1 && label < NyuV2.CLASSES);
                }
            }
        }
    }

    @Test
    void rejectsAFileOfTheWrongShape() throws IOException {
        NyuV2Fixture.write(root, 3, 1, H, W, true);
        Path depth = root.resolve("train/depth/2.npy");
        NpyWriter.float32(depth, new long[] {H, W - 1, 1}, new float[H * (W - 1)]);
        IOException e = assertThrows(IOException.class, () -> builder().build());
        assertContains(e, depth.toString(), "(8, 11, 1)", "expected (8, 12, 1) or (1, 8, 12) or (8, 12)");
    }

    @Test
    void rejectsScenesOfDifferentSizes() throws IOException {
        NyuV2Fixture.write(root, 2, 1, H, W, true);
        NyuV2Fixture.writeScene(root.resolve("train"), 1, H, W + 4, true, new Random(0));
        IOException e = assertThrows(IOException.class, () -> builder().build());
        assertContains(e, "train/image/1.npy", "(8, 16, 3)", "8x12");
    }

    @Test
    void rejectsAnImageThatIsNotRgb() throws IOException {
        NyuV2Fixture.write(root, 1, 1, H, W, true);
        NpyWriter.float32(root.resolve("train/image/0.npy"), new long[] {H, W}, new float[H * W]);
        assertContains(assertThrows(IOException.class, () -> builder().build()), "image/0.npy", "not an RGB image");
    }

    @Test
    void rejectsAMissingIndex() throws IOException {
        NyuV2Fixture.write(root, 3, 1, H, W, true);
        Files.delete(root.resolve("train/depth/1.npy"));
        IOException e = assertThrows(IOException.class, () -> builder().build());
        assertContains(e, "depth", "1.npy is missing");
    }

    @Test
    void rejectsFoldersWithDifferentIndices() throws IOException {
        NyuV2Fixture.write(root, 3, 1, H, W, true);
        Files.delete(root.resolve("train/normal/2.npy"));
        IOException e = assertThrows(IOException.class, () -> builder().build());
        assertContains(e, "normal/ holds 2 scenes", "image/ holds 3", "same indices");
    }

    @Test
    void rejectsMissingFoldersAndStrangeNames() throws IOException {
        NyuV2Fixture.write(root, 2, 1, H, W, true);
        Files.copy(root.resolve("val/label/0.npy"), root.resolve("val/label/scene.npy"));
        assertContains(assertThrows(IOException.class, () -> builder().optSplit(NyuV2.Split.VAL).build()),
                "scene.npy", "not named <index>.npy");
        Path labels = root.resolve("train/label");
        try (var files = Files.list(labels)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(labels);
        assertContains(assertThrows(IOException.class, () -> builder().build()), "missing folder", "label");
    }

    @Test
    void rejectsLabelsOutsideTheClasses() throws IOException {
        NyuV2Fixture.write(root, 1, 1, H, W, true);
        float[] labels = new float[H * W];
        labels[13] = 13;
        Path file = root.resolve("train/label/0.npy");
        NpyWriter.float32(file, new long[] {H, W}, labels);
        NyuV2 data = builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertContains(assertThrows(IOException.class, () -> data.get(manager, 0)), file.toString(),
                    "value 13.0 at pixel (1, 1)");
        }
    }

    static void assertContains(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }
}
