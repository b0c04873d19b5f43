package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rotograd4j.compare.RunGroupSummary.Column;
import org.rotograd4j.report.ResultsTable;

/** Table 2's layout on a small runs table whose medians and spreads are worked out by hand. */
class RunGroupSummaryTest {

    private static final List<Column> TABLE_2 = List.of(
            new Column("digits_avg_delta", List.of("delta_left", "delta_right")),
            new Column("pixels_mse", List.of("pixels_loss")));

    private static ResultsTable runs() {
        ResultsTable runs = new ResultsTable("runs", List.of("pixels_loss", "delta_left", "delta_right", "delta_pixels"));
        runs.addRow("single-task seed 1", Map.of("pixels_loss", 0.01));
        runs.addRow("single-task seed 2", Map.of("pixels_loss", 0.03));
        runs.addRow("vanilla seed 1", Map.of("pixels_loss", 0.1, "delta_left", -4.0, "delta_right", 0.0,
                "delta_pixels", -900.0));
        runs.addRow("vanilla seed 2", Map.of("pixels_loss", 0.3, "delta_left", 2.0, "delta_right", 4.0,
                "delta_pixels", -100.0));
        runs.addRow("vanilla seed 3", Map.of("pixels_loss", 0.2, "delta_left", 1.0, "delta_right", 1.0,
                "delta_pixels", -500.0));
        runs.addRow("cagrad:0.5 seed 1", Map.of("pixels_loss", 0.5, "delta_left", 6.0, "delta_right", 2.0));
        return runs;
    }

    @Test
    void digitDeltasAveragePerRunThenMedianAndStdOverSeedsLeavingThePixelDeltaOut() {
        ResultsTable table = RunGroupSummary.medianAndStd("Table 2", runs(), List.of("single-task", "vanilla",
                "cagrad:0.5"), TABLE_2);
        assertEquals(List.of("single-task", "vanilla", "cagrad:0.5"), table.rowNames());
        // vanilla's per-run digit averages: -2, 3, 1 -> median 1; mean 2/3, squared deviations (64 + 49 + 1) / 9,
        // sample std sqrt(114 / 9 / 2) = sqrt(19 / 3)
        assertEquals(1.0, table.get("vanilla", "digits_avg_delta"), 1e-12);
        assertEquals(Math.sqrt(19.0 / 3), table.get("vanilla", "digits_avg_delta_std"), 1e-12);
        assertEquals(0.2, table.get("vanilla", "pixels_mse"), 1e-12);
        assertEquals(0.1, table.get("vanilla", "pixels_mse_std"), 1e-12);
        assertEquals(4.0, table.get("cagrad:0.5", "digits_avg_delta"), 1e-12);
        assertEquals(0.0, table.get("cagrad:0.5", "digits_avg_delta_std"), 1e-12);
        assertEquals(0.02, table.get("single-task", "pixels_mse"), 1e-12);
        assertTrue(Double.isNaN(table.get("single-task", "digits_avg_delta")), "single-task models have no Δ_k");
        assertEquals("", table.cell("single-task", "digits_avg_delta_std"));
    }

    @Test
    void aRunMissingOneOfTheAveragedColumnsHasNoValue() {
        ResultsTable runs = new ResultsTable("runs", List.of("delta_left", "delta_right"));
        runs.addRow("vanilla seed 1", Map.of("delta_left", 10.0));
        runs.addRow("vanilla seed 2", Map.of("delta_left", 2.0, "delta_right", 4.0));
        ResultsTable table = RunGroupSummary.medianAndStd("t", runs, List.of("vanilla"), TABLE_2.subList(0, 1));
        assertEquals(3.0, table.get("vanilla", "digits_avg_delta"), 1e-12);
    }

    @Test
    void anUnknownGroupOrColumnIsNamed() {
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> RunGroupSummary.medianAndStd("t", runs(), List.of("pcgrad"), TABLE_2));
        assertTrue(group.getMessage().contains("'pcgrad'"), group.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> RunGroupSummary.medianAndStd("t", runs(), List.of("vanilla"),
                        List.of(new Column("sum", List.of("sum_loss")))));
        assertTrue(column.getMessage().contains("'sum_loss'"), column.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Column("empty", List.of()));
    }

    @Test
    void aMethodIdThatPrefixesAnotherDoesNotTakeItsRuns() {
        ResultsTable runs = new ResultsTable("runs", List.of("pixels_loss"));
        runs.addRow("imtl-g seed 1", Map.of("pixels_loss", 1.0));
        runs.addRow("imtl-g+r seed 1", Map.of("pixels_loss", 3.0));
        ResultsTable table = RunGroupSummary.medianAndStd("t", runs, List.of("imtl-g"), TABLE_2.subList(1, 2));
        assertEquals(1.0, table.get("imtl-g", "pixels_mse"), 1e-12);
    }
}
