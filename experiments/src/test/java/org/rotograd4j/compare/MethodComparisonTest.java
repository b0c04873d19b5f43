package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's bookkeeping, with a runner whose results are known. */
class MethodComparisonTest {

    @Test
    void computesDeltasOverSingleTaskModelsAndSummarizesOverSeeds(@TempDir Path folder) throws Exception {
        List<String> calls = new ArrayList<>();
        MethodComparison.Runner runner = (method, seed, tasks) -> {
            calls.add(method.name() + " " + seed + " " + tasks);
            // Single-task: accuracy 0.8, error 2.0. Vanilla: 0.8 and 2.0 (Δ 0). RotoGrad: 0.88 and 1.5 + 0.1·seed.
            boolean roto = method.name().equals("RotoGrad");
            List<org.rotograd4j.fit.EpochSummary> epochs = List.of(new org.rotograd4j.fit.EpochSummary(1,
                    Map.of(tasks.get(0), 1.0), Map.of(), 1, 0));
            return new MethodComparison.Run(Map.of("a_accuracy", roto ? 0.88 : 0.8,
                    "b_mse", roto ? 1.5 + 0.1 * seed : 2.0), 10 * seed, epochs);
        };
        MethodComparison.Result result = MethodComparison.builder()
                .addTask("a", "a_accuracy")
                .addTask("b", "b_mse")
                .setSeeds(List.of(1, 2, 3))
                .setRunner(runner)
                .build()
                .run();
        assertEquals(3 * (2 + 2), calls.size(), "per seed: two single-task models and two methods");
        assertEquals("Vanilla 1 [a]", calls.get(0));
        // RotoGrad seed 1: Δ_a = +10%, Δ_b = -(1.6 - 2)/2 = +20%.
        assertEquals(10, result.runs().get("RotoGrad seed 1", "delta_a"), 1e-9);
        assertEquals(20, result.runs().get("RotoGrad seed 1", "delta_b"), 1e-9);
        assertEquals(15, result.runs().get("RotoGrad seed 1", "avg_delta"), 1e-9);
        assertEquals(20, result.runs().get("RotoGrad seed 1", "max_delta"), 1e-9);
        assertEquals(0, result.runs().get("Vanilla seed 2", "avg_delta"), 1e-9);
        // avg Δ over seeds: 15, 12.5, 10 -> median 12.5, std 2.5.
        assertEquals(12.5, result.summary().get("RotoGrad", "avg_delta"), 1e-9);
        assertEquals(2.5, result.summary().get("RotoGrad", "avg_delta_std"), 1e-9);
        assertEquals(20, result.summary().get("RotoGrad", "ms_per_step"), 1e-9);
        assertEquals(15, result.deltas().get("RotoGrad").get("b")[0], 1e-9, "median Δ_b");
        result.write(folder, "toy");
        for (String file : List.of("toy-runs.csv", "toy-runs.json", "toy-summary.csv", "toy-summary.json",
                "toy-curves.png", "toy-deltas.png")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
    }

    @Test
    void givenSingleTaskResultsAreUsedInsteadOfTraining() throws Exception {
        List<String> calls = new ArrayList<>();
        MethodComparison.Result result = MethodComparison.builder()
                .addTask("a", "a_accuracy")
                .setMethods(List.of("mgda"))
                .optSingleTaskResults(Map.of("a_accuracy", 0.5))
                .setRunner((method, seed, tasks) -> {
                    calls.add(method.name());
                    return new MethodComparison.Run(Map.of("a_accuracy", 0.6), 1, List.of());
                })
                .build()
                .run();
        assertEquals(List.of("MGDA"), calls);
        assertEquals(20, result.runs().get("MGDA seed 1", "delta_a"), 1e-9);
    }
}
