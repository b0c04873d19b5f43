package org.rotograd4j.samples.multimnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.report.ResultFiles;

class MultiMnistTest {

    @Test
    void readsIdxFilesGzippedOrNot(@TempDir Path folder) throws IOException {
        byte[] pixels = {0, 10, (byte) 255, 7, 1, 2};
        IdxFixture.images(folder.resolve("a.gz"), 1, 2, 3, pixels);
        IdxFile gz = IdxFile.readImages(folder.resolve("a.gz"));
        assertEquals(1, gz.count());
        assertEquals(255, gz.at(0, 0, 2));
        assertEquals(2, gz.at(0, 1, 2));
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve("labels")))) {
            out.writeInt(0x801);
            out.writeInt(3);
            out.write(new byte[] {9, 0, 4});
        }
        IdxFile labels = IdxFile.readLabels(folder.resolve("labels"));
        assertEquals(List.of(9, 0, 4), List.of(labels.label(0), labels.label(1), labels.label(2)));
    }

    @Test
    void badIdxFilesAreClearErrors(@TempDir Path folder) throws IOException {
        IdxFixture.labels(folder.resolve("labels.gz"), new byte[] {1, 2});
        IOException wrongKind = assertThrows(IOException.class, () -> IdxFile.readImages(folder.resolve("labels.gz")));
        assertTrue(wrongKind.getMessage().contains("labels.gz: not an IDX image file (magic number 2049"),
                wrongKind.getMessage());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve("short")))) {
            out.writeInt(0x803);
            out.writeInt(5);
            out.writeInt(28);
            out.writeInt(28);
            out.write(new byte[100]);
        }
        IOException truncated = assertThrows(IOException.class, () -> IdxFile.readImages(folder.resolve("short")));
        assertTrue(truncated.getMessage().contains("short: truncated, the header announces 5 items of 28x28"),
                truncated.getMessage());
    }

    @Test
    void buildsTwoItemCanvasesAndTheFiveTargets(@TempDir Path folder) throws IOException {
        // Two items: item 0 is all 255 with label 3, item 1 is all 0 with label 4.
        byte[] pixels = new byte[2 * 28 * 28];
        java.util.Arrays.fill(pixels, 0, 28 * 28, (byte) 255);
        IdxFixture.images(folder.resolve("i.gz"), 2, 28, 28, pixels);
        IdxFixture.labels(folder.resolve("l.gz"), new byte[] {3, 4});
        MultiMnist data = MultiMnist.builder().setItems(IdxFile.readImages(folder.resolve("i.gz")),
                IdxFile.readLabels(folder.resolve("l.gz"))).optPairs(40).optSeed(1).setSampling(4, false).build();
        assertEquals(40, data.size());
        try (NDManager manager = NDManager.newBaseManager()) {
            boolean sawMixed = false;
            for (int i = 0; i < 40; i++) {
                Record record = data.get(manager, i);
                float[] canvas = record.getData().head().toFloatArray();
                int left = (int) record.getLabels().get(0).getLong();
                int right = (int) record.getLabels().get(1).getLong();
                assertEquals(left + right, record.getLabels().get(2).getFloat(), 0);
                assertEquals((left * right) % 2, record.getLabels().get(3).getFloat(), 0);
                // The left item covers rows/columns 0-27, the right one 8-35.
                assertEquals(left == 3 ? 1f : 0f, canvas[0], 0);
                assertEquals(right == 3 ? 1f : 0f, canvas[35 * 36 + 35], 0);
                int expectedActive = (left == 3 ? 28 * 28 : 0) + (right == 3 ? 28 * 28 : 0)
                        - (left == 3 && right == 3 ? 20 * 20 : 0);
                assertEquals(expectedActive / (36f * 36f), record.getLabels().get(4).getFloat(), 1e-6);
                sawMixed |= left != right;
            }
            assertTrue(sawMixed, "pairs mix different items");
            MultiMnist subset = MultiMnist.builder().setItems(IdxFile.readImages(folder.resolve("i.gz")),
                    IdxFile.readLabels(folder.resolve("l.gz"))).optPairs(2).optTasks(List.of("sum")).setSampling(1, false).build();
            assertEquals(1, subset.get(manager, 0).getLabels().size());
            assertArrayEquals(new long[] {1, 36, 36}, subset.get(manager, 0).getData().head().getShape().getShape());
        }
        assertThrows(IllegalArgumentException.class, () -> MultiMnist.builder().optTasks(List.of("colour")));
    }

    @Test
    void theSampleRunsEndToEndOnAFixture(@TempDir Path folder) throws IOException {
        Path data = fixture(folder);
        Path output = folder.resolve("out");
        MultiMnistSample.main(new String[] {"--data", data.toString(), "--train-size", "64", "--test-size", "32",
            "--epochs", "1", "--batch-size", "16", "--output", output.toString()});
        List<ResultFiles.Row> runs = ResultFiles.read(output.resolve("multimnist-runs.csv"));
        assertEquals(List.of("single-task seed 1", "vanilla seed 1", "rotograd seed 1"),
                runs.stream().map(ResultFiles.Row::run).toList());
        assertEquals(List.of("left_accuracy", "right_accuracy", "sum_loss", "parity_f1", "pixels_loss", "delta_left"),
                List.copyOf(runs.get(2).values().keySet()).subList(0, 6));
        Map<String, Double> rotoGrad = runs.get(2).values();
        double accuracy = rotoGrad.get("left_accuracy");
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(Double.isFinite(rotoGrad.get("delta_left")), "Δ_left is measured against the single-task model");
        assertTrue(rotoGrad.get("ms_per_step") > 0 && rotoGrad.get("hours") > 0, rotoGrad.toString());
        assertEquals(List.of("vanilla", "rotograd"), ResultFiles.read(output.resolve("multimnist-summary.json")).stream()
                .map(ResultFiles.Row::run).toList());
        List<ResultFiles.Row> table2 = ResultFiles.read(output.resolve("multimnist-table2.csv"));
        assertEquals(List.of("single-task", "vanilla", "rotograd"), table2.stream().map(ResultFiles.Row::run).toList());
        assertEquals((rotoGrad.get("delta_left") + rotoGrad.get("delta_right")) / 2,
                table2.get(2).values().get("digits_avg_delta"), 1e-9, "one seed: the run's digit Δ_k mean");
        assertEquals((rotoGrad.get("delta_left") + rotoGrad.get("delta_right") + rotoGrad.get("delta_sum")
                + rotoGrad.get("delta_parity")) / 4, table2.get(2).values().get("digit_related_avg_delta"), 1e-9);
        assertEquals(runs.get(0).values().get("pixels_loss"), table2.get(0).values().get("pixels_mse"), 1e-12);
        for (String png : List.of("multimnist-deltas.png", "multimnist-curves.png")) {
            assertTrue(ImageIO.read(output.resolve(png).toFile()).getWidth() > 500, png);
        }
        Document report = Jsoup.parse(output.resolve("multimnist-report.html").toFile(), "UTF-8");
        assertEquals(List.of("vanilla", "rotograd"), report.select("table").get(0).select("tbody th").eachText());
        assertEquals(2, report.select("img[src^=data:image/png;base64,]").size());
    }

    @Test
    void theRotationRateSweepDrawsABoxPerSettingFromEverySeed(@TempDir Path folder) throws IOException {
        Path data = fixture(folder);
        Path output = folder.resolve("out");
        MultiMnistSample.main(new String[] {"--data", data.toString(), "--train-size", "32", "--test-size", "32",
            "--epochs", "1", "--batch-size", "16", "--seeds", "1,2", "--rotation-lr-sweep", "1e-4,5e-4",
            "--output", output.toString()});
        List<ResultFiles.Row> runs = ResultFiles.read(output.resolve("multimnist-figure3-runs.csv"));
        assertEquals(List.of("Vanilla seed 1", "Vanilla seed 2", "1e-04 seed 1", "1e-04 seed 2", "5e-04 seed 1",
                "5e-04 seed 2"), runs.stream().map(ResultFiles.Row::run).toList());
        List<ResultFiles.Row> boxes = ResultFiles.read(output.resolve("multimnist-figure3.json"));
        assertEquals(List.of("Vanilla", "1e-04", "5e-04"), boxes.stream().map(ResultFiles.Row::run).toList());
        double mean = (runs.get(4).values().get("sum_mse") + runs.get(5).values().get("sum_mse")) / 2;
        assertEquals(mean, boxes.get(2).values().get("median"), 1e-9, "two runs: the median is their mean");
        assertEquals(2, boxes.get(2).values().get("runs"));
        assertTrue(ImageIO.read(output.resolve("multimnist-figure3.png").toFile()).getWidth() >= 640);
    }

    @Test
    void aRotationRateThatIsNotPositiveIsRefused(@TempDir Path folder) throws IOException {
        Path data = fixture(folder);
        assertEquals(2, TrainingOptions.execute(new MultiMnistSample(), new String[] {"--data", data.toString(),
            "--rotation-lr-sweep", "1e-4,0", "--output", folder.resolve("out").toString()}, Map.of()));
        assertTrue(Files.notExists(folder.resolve("out")), "nothing was trained or written");
    }

    @Test
    void theRotationRateSweepRefusesOtherExecutorsAndCheckpoints(@TempDir Path folder) throws IOException {
        Path data = fixture(folder);
        for (List<String> executor : List.of(List.of("--executor", "spark"), List.of("--checkpoints", "ckpt"))) {
            List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--rotation-lr-sweep", "1e-4",
                    "--output", folder.resolve("out").toString()));
            args.addAll(executor);
            PrintStream original = System.err;
            ByteArrayOutputStream error = new ByteArrayOutputStream();
            System.setErr(new PrintStream(error, true, StandardCharsets.UTF_8));
            try {
                assertEquals(2, TrainingOptions.execute(new MultiMnistSample(), args.toArray(String[]::new), Map.of()),
                        executor.toString());
            } finally {
                System.setErr(original);
            }
            assertTrue(error.toString(StandardCharsets.UTF_8).contains("--rotation-lr-sweep trains in this JVM without "
                    + "checkpoints: leave out --executor and --checkpoints"), error.toString(StandardCharsets.UTF_8));
        }
        assertTrue(Files.notExists(folder.resolve("out")), "nothing was trained or written");
    }

    /** Writes a small train and test IDX fixture under {@code folder/data} and returns that folder. */
    private static Path fixture(Path folder) throws IOException {
        Path data = folder.resolve("data");
        IdxFixture.write(data, "train", 120, 1);
        IdxFixture.write(data, "t10k", 60, 2);
        return data;
    }
}
