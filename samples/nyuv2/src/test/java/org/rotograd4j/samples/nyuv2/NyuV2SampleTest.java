package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
        assertTrue(err.contains("unknown option '--dataset'") && err.contains("--single-task"), err);
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

        List<String> csv = Files.readAllLines(output.resolve("nyuv2-runs.csv"));
        assertEquals("run," + String.join(",", runColumns()), csv.get(0));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("single-task seed 3,"));
        assertTrue(csv.get(2).startsWith("vanilla seed 3,"));
        assertTrue(csv.get(3).startsWith("rotograd seed 3,"));

        JsonArray rows = rows(output.resolve("nyuv2-runs.json"));
        assertEquals(3, rows.size());
        JsonObject single = rows.get(0).getAsJsonObject();
        for (String metric : NyuV2Metrics.ALL) {
            assertTrue(single.get(metric).isJsonPrimitive(), "single-task " + metric);
        }
        assertTrue(single.get("avg_delta").isJsonNull(), "no Δ for the baseline itself");
        assertTrue(single.get("ms_per_step").getAsDouble() > 0, "the three single-task models' time per step");
        Map<String, Double> baseline = new LinkedHashMap<>();
        NyuV2Metrics.ALL.forEach(metric -> baseline.put(metric, single.get(metric).getAsDouble()));
        for (JsonElement element : List.of(rows.get(1), rows.get(2))) {
            JsonObject row = element.getAsJsonObject();
            for (String column : runColumns()) {
                assertTrue(row.get(column).isJsonPrimitive(), row.get("run") + " " + column);
            }
            double miou = row.get(NyuV2Metrics.MIOU).getAsDouble();
            assertTrue(miou >= 0 && miou <= 1, "mIoU " + miou);
            double within = row.get(NyuV2Metrics.WITHIN_30).getAsDouble();
            assertTrue(within >= row.get(NyuV2Metrics.WITHIN_11).getAsDouble() && within <= 100);
            assertTrue(row.get("ms_per_step").getAsDouble() > 0);
            assertDeltas(row, baseline);
        }

        JsonArray summary = rows(output.resolve("nyuv2-summary.json"));
        assertEquals(List.of("vanilla", "rotograd"), List.of(summary.get(0).getAsJsonObject().get("run").getAsString(),
                summary.get(1).getAsJsonObject().get("run").getAsString()));
        assertEquals(rows.get(2).getAsJsonObject().get("avg_delta").getAsDouble(),
                summary.get(1).getAsJsonObject().get("avg_delta").getAsDouble(), 1e-9, "one seed: its own avg Δ");
        assertEquals(3, Files.readAllLines(output.resolve("nyuv2-summary.csv")).size());
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
        List<String> lines = Files.readAllLines(again.resolve("nyuv2-runs.csv"));
        assertEquals(2, lines.size(), "no single-task models trained: " + lines);
        assertTrue(lines.get(1).startsWith("rotograd seed 3,"));
        assertFalse(lines.get(1).endsWith(","), "every column has a value: " + lines.get(1));
        assertDeltas(rows(again.resolve("nyuv2-runs.json")).get(0).getAsJsonObject(), baseline);

        // Without baselines: measures and time per step, no Δ.
        Path none = folder.resolve("none");
        assertEquals(0, NyuV2Sample.run(new String[] {"--data", data.toString(), "--output", none.toString(),
            "--width", "2", "--epochs", "1", "--methods", "vanilla", "--seeds", "3", "--augment", "false",
            "--train-limit", "2", "--val-limit", "2"}));
        JsonArray plain = rows(none.resolve("nyuv2-runs.json"));
        assertEquals(1, plain.size());
        JsonObject vanilla = plain.get(0).getAsJsonObject();
        assertTrue(vanilla.get(NyuV2Metrics.MIOU).isJsonPrimitive() && vanilla.get("ms_per_step").getAsDouble() > 0);
        assertTrue(vanilla.get("delta_segmentation").isJsonNull() && vanilla.get("avg_delta").isJsonNull());
    }

    /** The runs table's columns: Table 3's metrics, each task's Δ_k, their avg/med/max and the time per step. */
    private static List<String> runColumns() {
        List<String> columns = new ArrayList<>(NyuV2Metrics.ALL);
        NyuV2.TASKS.forEach(task -> columns.add("delta_" + task));
        columns.addAll(List.of("avg_delta", "med_delta", "max_delta", "ms_per_step"));
        return columns;
    }

    /** Checks a run's Δ_k (Eq. 6 averaged over the task's metrics, errors lower-is-better) and their average. */
    private static void assertDeltas(JsonObject row, Map<String, Double> baseline) {
        double sum = 0;
        for (String task : NyuV2.TASKS) {
            double taskSum = 0;
            List<String> metrics = NyuV2Metrics.BY_TASK.get(task);
            for (String metric : metrics) {
                double sign = metric.endsWith("_error") ? -1 : 1;
                taskSum += sign * 100 * (row.get(metric).getAsDouble() - baseline.get(metric)) / baseline.get(metric);
            }
            double delta = row.get("delta_" + task).getAsDouble();
            assertEquals(taskSum / metrics.size(), delta, 1e-6, row.get("run") + " delta_" + task);
            sum += delta;
        }
        assertEquals(sum / NyuV2.TASKS.size(), row.get("avg_delta").getAsDouble(), 1e-9);
    }

    private static JsonArray rows(Path json) throws IOException {
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("rows");
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
