package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerCategoryDataset;
import org.junit.jupiter.api.Test;

/** Quartiles worked out by hand on small samples, and the chart carrying them. */
class BoxPlotTest {

    private static Map<String, double[]> values() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("Vanilla", new double[] {4, 1, 3, 2, 5});
        values.put("5e-4", new double[] {10, 2, Double.NaN, 6});
        return values;
    }

    @Test
    void tableHasMedianQuartilesExtremesAndMeanOfTheFiniteRuns() {
        ResultsTable table = BoxPlot.table("t", values());
        assertEquals(List.of("Vanilla", "5e-4"), table.rowNames());
        assertEquals(5, table.get("Vanilla", "runs"));
        assertEquals(3, table.get("Vanilla", "median"), 1e-12);
        assertEquals(2, table.get("Vanilla", "q1"), 1e-12);
        assertEquals(4, table.get("Vanilla", "q3"), 1e-12);
        assertEquals(1, table.get("Vanilla", "min"), 1e-12);
        assertEquals(5, table.get("Vanilla", "max"), 1e-12);
        // 2, 6, 10: quartiles at positions 0.5 and 1.5 of the sorted sample
        assertEquals(3, table.get("5e-4", "runs"));
        assertEquals(6, table.get("5e-4", "median"), 1e-12);
        assertEquals(4, table.get("5e-4", "q1"), 1e-12);
        assertEquals(8, table.get("5e-4", "q3"), 1e-12);
        assertEquals(6, table.get("5e-4", "mean"), 1e-12);
    }

    @Test
    void chartHasOneBoxPerSettingInOrderWithTheTablesNumbers() throws Exception {
        Figure figure = BoxPlot.of("Figure 3", "rotation learning rate", "sum MSE", values());
        CategoryPlot plot = assertInstanceOf(CategoryPlot.class, figure.chart().getPlot());
        assertInstanceOf(BoxAndWhiskerRenderer.class, plot.getRenderer());
        BoxAndWhiskerCategoryDataset dataset = (BoxAndWhiskerCategoryDataset) plot.getDataset();
        assertEquals(List.of("Vanilla", "5e-4"), dataset.getColumnKeys());
        assertEquals(3.0, dataset.getMedianValue("sum MSE", "Vanilla").doubleValue(), 1e-12);
        assertEquals(8.0, dataset.getQ3Value("sum MSE", "5e-4").doubleValue(), 1e-12);
        assertEquals(1.0, dataset.getMinRegularValue("sum MSE", "Vanilla").doubleValue(), 1e-12);
        assertEquals(10.0, dataset.getMaxRegularValue("sum MSE", "5e-4").doubleValue(), 1e-12);
        assertTrue(plot.getRangeAxis().getUpperBound() >= 10, "the whiskers fit: " + plot.getRangeAxis().getRange());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(figure.png()));
        assertEquals(BoxPlot.HEIGHT, image.getHeight());
    }

    @Test
    void aSettingWithoutFiniteValuesIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxPlot.table("t", Map.of("1e-2", new double[] {Double.NaN})));
        assertTrue(e.getMessage().contains("'1e-2'"), e.getMessage());
    }
}
