package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void rendersFourDecimalsAndBlanksForMissingValues() {
        ResultsTable table = new ResultsTable("MultiMNIST", List.of("left_accuracy", "sum_mse"))
                .addRow("Vanilla, seed 1", Map.of("left_accuracy", 0.91, "sum_mse", 2.5))
                .addRow("RotoGrad", Map.of("left_accuracy", 0.93));
        String text = table.render();
        assertTrue(text.startsWith("MultiMNIST\n"), text);
        assertTrue(text.contains("0.9100") && text.contains("2.5000") && text.contains("0.9300"), text);
        assertEquals("0.9300", table.cell("RotoGrad", "left_accuracy"));
        assertEquals("", table.cell("RotoGrad", "sum_mse"));
        assertTrue(Double.isNaN(table.get("nobody", "sum_mse")));
        assertThrows(IllegalArgumentException.class, () -> table.addRow("x", Map.of("unknown", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> table.addRow("RotoGrad", Map.of()));
    }
}
