package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;

class ResultsTableTest {

    @Test
    void rendersAndWritesCsvAndJson(@TempDir Path folder) throws Exception {
        ResultsTable table = new ResultsTable("MultiMNIST", List.of("left_accuracy", "sum_mse"))
                .addRow("Vanilla, seed 1", Map.of("left_accuracy", 0.91, "sum_mse", 2.5))
                .addRow("RotoGrad", Map.of("left_accuracy", 0.93));
        String text = table.render();
        assertTrue(text.startsWith("MultiMNIST\n"), text);
        assertTrue(text.contains("0.9100") && text.contains("2.5000") && text.contains("0.9300"), text);
        table.writeCsv(folder.resolve("r.csv"));
        assertEquals(List.of("run,left_accuracy,sum_mse", "\"Vanilla, seed 1\",0.91,2.5", "RotoGrad,0.93,"),
                Files.readAllLines(folder.resolve("r.csv")));
        table.writeJson(folder.resolve("r.json"));
        String json = Files.readString(folder.resolve("r.json"));
        assertTrue(json.contains("{\"run\": \"RotoGrad\", \"left_accuracy\": 0.93, \"sum_mse\": null}"), json);
        assertThrows(IllegalArgumentException.class, () -> table.addRow("x", Map.of("unknown", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> table.addRow("RotoGrad", Map.of()));
    }

    @Test
    void drawsOnePanelPerTaskAndMeasure(@TempDir Path folder) throws Exception {
        List<EpochSummary> run = List.of(
                new EpochSummary(1, Map.of("left", 2.0, "right", 1.5), Map.of("left_accuracy", 0.5), 1, 0),
                new EpochSummary(2, Map.of("left", 1.0, "right", 1.0), Map.of("left_accuracy", 0.7), 1, 0));
        Path png = folder.resolve("curves.png");
        TrainingCurves.write("curves", Map.of("Vanilla", run, "RotoGrad", run), png);
        var image = ImageIO.read(png.toFile());
        assertEquals(3 * LineChart.PANEL_WIDTH, image.getWidth(), "three panels in a row");
    }
}
