package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.compare.RunTiming;
import org.rotograd4j.report.ResultFiles;

class NyuV2SampleTest {

    @TempDir
    Path folder;

    @Test
    void missingDataSaysWhereToGetItAndExitsWith2() throws IOException {
        String err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data",
                folder.resolve("nowhere").toString()})));
        assertTrue(err.contains("nowhere") && err.contains("lorenmt/mtan") && err.contains("nyuv2.zip"), err);
    }

    @Test
    void badOptionsExitWith2() throws IOException {
        NyuV2Fixture.write(folder, 1, 1, 32, 32, true);
        String data = folder.toString();
        String err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data", data, "--augment", "yes"})));
        assertTrue(err.contains("--augment"), err);
        err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data", data, "--scale", "2"})));
        assertTrue(err.contains("--scale"), err);
        err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data", data, "--width", "8",
            "--rotation-size", "16"})));
        assertTrue(err.contains("exceeds the 8 channels"), err);
        err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data", data, "--single-task",
            folder.resolve("baseline.json").toString()})));
        assertTrue(err.contains("baseline.json"), err);
        err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data", data, "--methods", "magic"})));
        assertTrue(err.contains("magic"), err);
        err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--dataset", data})));
        assertTrue(err.startsWith("Unknown options: '--dataset'") && err.contains("--data"), err);
        err = stderrOf(() -> assertEquals(2, NyuV2Sample.run(new String[] {"--data", data, "--width", "0"})));
        assertTrue(err.startsWith("--width must be positive, got 0"), err);
    }

    @Test
    void malformedDataExitsWith1() throws IOException {
        NyuV2Fixture.write(folder, 2, 1, 32, 32, true);
        Files.delete(folder.resolve("train/normal/1.npy"));
        String err = stderrOf(() -> assertEquals(1, NyuV2Sample.run(new String[] {"--data", folder.toString(),
            "--width", "2", "--epochs", "1", "--methods", "vanilla", "--output", folder.resolve("out").toString()})));
        assertTrue(err.contains("normal/ holds 1 scenes"), err);
    }

    @Test
    void runsEndToEndAndWritesTable3() throws IOException {
        Path data = NyuV2Fixture.write(folder.resolve("nyuv2"), 3, 3, 32, 48, true);
        Path output = folder.resolve("results");
        assertEquals(0, NyuV2Sample.run(new String[] {"--data", data.toString(), "--output", output.toString(),
            "--width", "2", "--epochs", "1", "--batch-size", "2", "--methods", "vanilla,rotograd",
            "--single-task", "measure", "--seeds", "3", "--augment", "true", "--val-limit", "2"}));

        List<ResultFiles.Row> rows = ResultFiles.read(output.resolve("nyuv2-runs.csv"));
        assertEquals(List.of("single-task seed 3", "vanilla seed 3", "rotograd seed 3"),
                rows.stream().map(ResultFiles.Row::run).toList());
        assertEquals(runColumns(), List.copyOf(rows.get(0).values().keySet()));
        assertEquals(rows, ResultFiles.read(output.resolve("nyuv2-runs.json")), "CSV and JSON hold the same runs");
        Map<String, Double> single = rows.get(0).values();
        for (String metric : NyuV2Metrics.ALL) {
            assertTrue(Double.isFinite(single.get(metric)), "single-task " + metric);
        }
        assertTrue(single.get("avg_delta").isNaN(), "no Δ for the baseline itself");
        assertTrue(single.get("ms_per_step") > 0, "the three single-task models' time per step");
        Map<String, Double> baseline = new LinkedHashMap<>();
        NyuV2Metrics.ALL.forEach(metric -> baseline.put(metric, single.get(metric)));
        for (ResultFiles.Row row : rows.subList(1, 3)) {
            Map<String, Double> values = row.values();
            for (String column : runColumns()) {
                assertTrue(Double.isFinite(values.get(column)), row.run() + " " + column);
            }
            double miou = values.get(NyuV2Metrics.MIOU);
            assertTrue(miou >= 0 && miou <= 1, "mIoU " + miou);
            double within = values.get(NyuV2Metrics.WITHIN_30);
            assertTrue(within >= values.get(NyuV2Metrics.WITHIN_11) && within <= 100);
            assertTrue(values.get("ms_per_step") > 0 && values.get("hours") > 0);
            assertDeltas(row, baseline);
        }

        List<ResultFiles.Row> summary = ResultFiles.read(output.resolve("nyuv2-summary.json"));
        assertEquals(List.of("vanilla", "rotograd"), summary.stream().map(ResultFiles.Row::run).toList());
        assertEquals(rows.get(2).values().get("avg_delta"), summary.get(1).values().get("avg_delta"), 1e-9,
                "one seed: its own avg Δ");
        assertEquals(summary, ResultFiles.read(output.resolve("nyuv2-summary.csv")));
        for (String png : List.of("nyuv2-curves.png", "nyuv2-deltas.png")) {
            BufferedImage image = ImageIO.read(output.resolve(png).toFile());
            assertTrue(image.getWidth() > 400 && image.getHeight() > 200, png);
        }

        // The same comparison against the baseline just measured, read back from the runs CSV.
        Path again = folder.resolve("again");
        Path runsCsv = output.resolve("nyuv2-runs.csv");
        assertEquals(0, NyuV2Sample.run(new String[] {"--data", data.toString(), "--output", again.toString(),
            "--width", "2", "--epochs", "1", "--methods", "rotograd", "--rotation-size", "1",
            "--single-task", runsCsv.toString(), "--seeds", "3", "--augment", "false",
            "--train-limit", "2", "--val-limit", "2"}));
        assertEquals(baseline, SingleTaskResults.read(runsCsv));
        List<ResultFiles.Row> againRows = ResultFiles.read(again.resolve("nyuv2-runs.csv"));
        assertEquals(List.of("rotograd seed 3"), againRows.stream().map(ResultFiles.Row::run).toList(),
                "no single-task models trained");
        assertDeltas(againRows.get(0), baseline);

        // Without baselines: measures and time per step, no Δ.
        Path none = folder.resolve("none");
        assertEquals(0, NyuV2Sample.run(new String[] {"--data", data.toString(), "--output", none.toString(),
            "--width", "2", "--epochs", "1", "--methods", "vanilla", "--seeds", "3", "--augment", "false",
            "--train-limit", "2", "--val-limit", "2"}));
        List<ResultFiles.Row> plain = ResultFiles.read(none.resolve("nyuv2-runs.json"));
        assertEquals(1, plain.size());
        Map<String, Double> vanilla = plain.get(0).values();
        assertTrue(Double.isFinite(vanilla.get(NyuV2Metrics.MIOU)) && vanilla.get("ms_per_step") > 0);
        assertTrue(vanilla.get("delta_segmentation").isNaN() && vanilla.get("avg_delta").isNaN());
    }

    /** The runs table's columns: Table 3's metrics, each task's Δ_k, their avg/med/max and the timing. */
    private static List<String> runColumns() {
        List<String> columns = new ArrayList<>(NyuV2Metrics.ALL);
        NyuV2.TASKS.forEach(task -> columns.add("delta_" + task));
        columns.addAll(List.of("avg_delta", "med_delta", "max_delta"));
        columns.addAll(RunTiming.COLUMNS);
        return columns;
    }

    /**
     * Checks a run's Δ_k (Eq. 6 averaged over the task's metrics; Table 3's depth errors and angles lower is
     * better) and their average.
     */
    private static void assertDeltas(ResultFiles.Row row, Map<String, Double> baseline) {
        List<String> lowerIsBetter = List.of("depth_abs_error", "depth_rel_error", "normals_angle_mean",
                "normals_angle_median");
        Map<String, List<String>> byTask = Map.of("segmentation", List.of("segmentation_miou",
                "segmentation_pixel_accuracy"), "depth", List.of("depth_abs_error", "depth_rel_error"), "normals",
                List.of("normals_angle_mean", "normals_angle_median", "normals_within_11.25", "normals_within_22.5",
                        "normals_within_30"));
        double sum = 0;
        for (String task : NyuV2.TASKS) {
            double taskSum = 0;
            List<String> metrics = byTask.get(task);
            for (String metric : metrics) {
                double sign = lowerIsBetter.contains(metric) ? -1 : 1;
                taskSum += sign * 100 * (row.values().get(metric) - baseline.get(metric)) / baseline.get(metric);
            }
            double delta = row.values().get("delta_" + task);
            assertEquals(taskSum / metrics.size(), delta, 1e-6, row.run() + " delta_" + task);
            sum += delta;
        }
        assertEquals(sum / NyuV2.TASKS.size(), row.values().get("avg_delta"), 1e-9);
    }

    private interface Action {
        void run() throws IOException;
    }

    private static String stderrOf(Action action) throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
