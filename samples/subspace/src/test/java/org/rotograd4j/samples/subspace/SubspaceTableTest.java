package org.rotograd4j.samples.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.report.ResultsTable;

/** Table 1 assembled from one comparison per rotation size, on small known results. */
class SubspaceTableTest {

    private static final List<String> SUMMARY = List.of("avg_delta", "avg_delta_std", "med_delta", "med_delta_std",
            "max_delta", "max_delta_std");
    private static final List<String> RUNS = List.of("a_f1", "delta_a", "avg_delta");
    private static final Predicate<String> ROTATES = Set.of("rotograd", "imtl-g+r")::contains;

    @Test
    void rotatingMethodsGetOneRowPerSizeAndTheOthersKeepTheirId() {
        Map<Integer, MethodComparison.Result> results = new LinkedHashMap<>();
        results.put(64, result(Map.of("vanilla", 1.0, "rotograd", 2.0), 1));
        results.put(512, result(Map.of("rotograd", 4.0), 1));

        MethodComparison.Result table = SubspaceTable.assemble(results, ROTATES);

        ResultsTable table1 = table.summary();
        assertEquals(List.of("vanilla", "rotograd m=64", "rotograd m=512"), table1.rowNames());
        assertEquals("m", table1.columns().get(0));
        assertTrue(Double.isNaN(table1.get("vanilla", "m")), "m is blank for a method that does not rotate");
        assertEquals(64, table1.get("rotograd m=64", "m"));
        assertEquals(512, table1.get("rotograd m=512", "m"));
        assertEquals(4.0, table1.get("rotograd m=512", "avg_delta"));
        assertEquals(0.4, table1.get("rotograd m=512", "avg_delta_std"), 1e-12);
        assertEquals(2.2, table1.get("rotograd m=64", "med_delta"), 1e-12);
        assertEquals(1.3, table1.get("vanilla", "max_delta"), 1e-12);

        assertEquals(List.of("single-task seed 1", "vanilla seed 1", "rotograd m=64 seed 1", "rotograd m=512 seed 1"),
                table.runs().rowNames(), "the shared baselines once, every run named with its m where it rotates");
        assertEquals(40.0, table.runs().get("rotograd m=512 seed 1", "a_f1"));
        assertEquals(List.of("vanilla", "rotograd m=64", "rotograd m=512"), List.copyOf(table.deltas().keySet()));
        assertArrayEquals(new double[] {4.0, 0.5}, table.deltas().get("rotograd m=512").get("a"));
        assertEquals(Set.of("single a seed 1", "vanilla seed 1", "rotograd m=64 seed 1", "rotograd m=512 seed 1"),
                table.curves().keySet());
    }

    @Test
    void theRenderingIsMedianPlusMinusStdPerStatistic() {
        MethodComparison.Result table = SubspaceTable.assemble(Map.of(128, result(Map.of("rotograd", 2.0), 1)),
                ROTATES);
        String text = SubspaceTable.render(table.summary());
        List<String> lines = text.lines().toList();
        assertEquals(2, lines.size(), text);
        assertTrue(lines.get(0).matches("Method\\s+avg_k Δ_k\\s+med_k Δ_k\\s+max_k Δ_k"), lines.get(0));
        assertTrue(lines.get(1).matches("rotograd m=128\\s+2\\.00 ± 0\\.20\\s+2\\.20 ± 0\\.30\\s+2\\.30 ± 0\\.40"),
                lines.get(1));
    }

    @Test
    void aMethodThatDoesNotRotateInTwoComparisonsIsRefused() {
        Map<Integer, MethodComparison.Result> results = new LinkedHashMap<>();
        results.put(64, result(Map.of("vanilla", 1.0), 1));
        results.put(128, result(Map.of("vanilla", 1.0), 1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SubspaceTable.assemble(results, ROTATES));
        assertTrue(error.getMessage().contains("'vanilla'"), error.getMessage());
    }

    /**
     * A comparison of one task {@code a} whose method with avg Δ_k {@code v} has median Δ_k {@code v + 0.2},
     * max {@code v + 0.3}, stds 0.1 v, 0.3 and 0.4, and F1 10 v in its run.
     */
    private static MethodComparison.Result result(Map<String, Double> avgDeltas, int seed) {
        ResultsTable summary = new ResultsTable("summary", SUMMARY);
        ResultsTable runs = new ResultsTable("runs", RUNS);
        runs.addRow(MethodComparison.SINGLE_TASK_RUN + " seed " + seed, Map.of("a_f1", 50.0));
        Map<String, Map<String, double[]>> deltas = new LinkedHashMap<>();
        Map<String, List<org.rotograd4j.fit.EpochSummary>> curves = new LinkedHashMap<>();
        curves.put("single a seed " + seed, List.of());
        avgDeltas.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(entry -> {
            double v = entry.getValue();
            summary.addRow(entry.getKey(), Map.of("avg_delta", v, "avg_delta_std", 0.1 * v, "med_delta", v + 0.2,
                    "med_delta_std", 0.3, "max_delta", v + 0.3, "max_delta_std", 0.4));
            runs.addRow(entry.getKey() + " seed " + seed, Map.of("a_f1", 10 * v, "delta_a", v, "avg_delta", v));
            deltas.put(entry.getKey(), Map.of("a", new double[] {v, 0.5}));
            curves.put(entry.getKey() + " seed " + seed, List.of());
        });
        return new MethodComparison.Result(runs, summary, deltas, curves);
    }
}
