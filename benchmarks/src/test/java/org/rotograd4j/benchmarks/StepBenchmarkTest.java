package org.rotograd4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepBenchmarkTest {

    @Test
    void timesEveryVariantOfAWorkloadAndWritesTheRatiosAndALongRun(@TempDir Path folder) throws IOException {
        Path output = folder.resolve("bench.json");
        int exit = StepBenchmark.execute("--workloads", "mlp-256", "--warm-up", "1", "--steps", "3",
                "--long-run-steps", "25", "--output", output.toString());
        assertEquals(0, exit);
        JsonObject json = JsonParser.parseString(Files.readString(output)).getAsJsonObject();
        JsonArray steps = json.getAsJsonArray("steps");
        List<String> variants = new ArrayList<>();
        double vanilla = Double.NaN;
        for (JsonElement element : steps) {
            JsonObject row = element.getAsJsonObject();
            variants.add(row.get("variant").getAsString());
            double median = row.get("medianMs").getAsDouble();
            assertTrue(row.get("minMs").getAsDouble() <= median && median <= row.get("maxMs").getAsDouble(), row.toString());
            if (row.get("variant").getAsString().equals("vanilla")) {
                vanilla = median;
            }
            assertEquals(median / vanilla, row.get("ratioToVanilla").getAsDouble(), 1e-9, row.toString());
            assertEquals(row.get("arraysBefore").getAsInt(), row.get("arraysAfter").getAsInt(), row.toString());
        }
        assertEquals(List.of("vanilla", "exponential", "trivialized", "exponential/64", "trivialized/64"), variants);
        JsonArray longRuns = json.getAsJsonArray("long_runs");
        assertEquals(5, longRuns.size(), "four variants at m = 128 and trivialized at m = 1024");
        for (JsonElement element : longRuns) {
            JsonObject run = element.getAsJsonObject();
            assertEquals(25, run.get("steps").getAsInt());
            assertEquals(run.get("arraysBefore").getAsInt(), run.get("arraysAfter").getAsInt(), run.toString());
            assertTrue(run.get("orthogonalityError").getAsDouble() < 1e-5, run.toString());
        }
    }

    @Test
    void anUnknownWorkloadIsABadOptionAndWritesNothing(@TempDir Path folder) {
        Path output = folder.resolve("bench.json");
        assertEquals(2, StepBenchmark.execute("--workloads", "mlp-512", "--output", output.toString()));
        assertFalse(Files.exists(output));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Workload.of("mlp-512"));
        assertTrue(error.getMessage().contains("mlp-512") && error.getMessage().contains("mlp-1024"), error.getMessage());
    }

    @Test
    void splitsEachBatchOverTheGivenDevices(@TempDir Path folder) throws IOException {
        Path output = folder.resolve("bench.json");
        int exit = StepBenchmark.execute("--workloads", "mlp-256", "--warm-up", "1", "--steps", "2", "--devices",
                "cpu,cpu", "--output", output.toString());
        assertEquals(0, exit);
        JsonObject json = JsonParser.parseString(Files.readString(output)).getAsJsonObject();
        assertEquals(List.of("cpu()", "cpu()"), json.getAsJsonArray("shard_devices").asList().stream()
                .map(JsonElement::getAsString).toList());
        assertEquals(5, json.getAsJsonArray("steps").size());
    }

    @Test
    void anUnknownDeviceIsABadOption(@TempDir Path folder) {
        Path output = folder.resolve("bench.json");
        assertEquals(2, StepBenchmark.execute("--workloads", "mlp-256", "--devices", "tpu7", "--output",
                output.toString()));
        assertFalse(Files.exists(output));
    }
}
