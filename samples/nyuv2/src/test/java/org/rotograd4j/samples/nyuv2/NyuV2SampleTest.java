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

        List<String> csv = Files.readAllLines(output.resolve(NyuV2Sample.CSV));
        assertEquals("run," + String.join(",", NyuV2Sample.columns()), csv.get(0));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("single-task seed 3,"));
        assertTrue(csv.get(2).startsWith("Vanilla seed 3,"));
        assertTrue(csv.get(3).startsWith("RotoGrad seed 3,"));

        JsonArray rows = JsonParser.parseString(Files.readString(output.resolve(NyuV2Sample.JSON)))
                .getAsJsonObject().getAsJsonArray("rows");
        assertEquals(3, rows.size());
        JsonObject single = rows.get(0).getAsJsonObject();
        for (String metric : NyuV2Metrics.ALL) {
            assertTrue(single.get(metric).isJsonPrimitive(), "single-task " + metric);
        }
        assertTrue(single.get("delta_avg").isJsonNull(), "no Δ for the baseline itself");
        for (JsonElement element : List.of(rows.get(1), rows.get(2))) {
            JsonObject row = element.getAsJsonObject();
            for (String column : NyuV2Sample.columns()) {
                assertTrue(row.get(column).isJsonPrimitive(), row.get("run") + " " + column);
            }
            double miou = row.get(NyuV2Metrics.MIOU).getAsDouble();
            assertTrue(miou >= 0 && miou <= 1, "mIoU " + miou);
            double within = row.get(NyuV2Metrics.WITHIN_30).getAsDouble();
            assertTrue(within >= row.get(NyuV2Metrics.WITHIN_11).getAsDouble() && within <= 100);
            assertTrue(row.get(NyuV2Sample.HOURS).getAsDouble() > 0);
            double deltas = 0;
            for (String task : NyuV2.TASKS) {
                deltas += row.get("delta_" + task).getAsDouble();
            }
            assertEquals(deltas / 3, row.get("delta_avg").getAsDouble(), 1e-9);
        }

        BufferedImage png = ImageIO.read(output.resolve(NyuV2Sample.CURVES).toFile());
        assertTrue(png.getWidth() > 400 && png.getHeight() > 200);

        // The same comparison against the baseline just measured, read back from the CSV.
        Path again = folder.resolve("again");
        assertEquals(0, NyuV2Sample.run(new String[] {"--data", data.toString(), "--output", again.toString(),
            "--width", "2", "--epochs", "1", "--methods", "rotograd", "--rotation-size", "1",
            "--single-task", output.resolve(NyuV2Sample.CSV).toString(), "--seeds", "3", "--augment", "false",
            "--train-limit", "2", "--val-limit", "2"}));
        Map<String, Double> baseline = SingleTaskResults.read(output.resolve(NyuV2Sample.CSV));
        List<String> lines = new ArrayList<>(Files.readAllLines(again.resolve(NyuV2Sample.CSV)));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("single-task (nyuv2.csv),"));
        assertEquals(baseline, SingleTaskResults.read(again.resolve(NyuV2Sample.CSV)));
        assertFalse(lines.get(2).endsWith(","), "every column has a value: " + lines.get(2));
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
