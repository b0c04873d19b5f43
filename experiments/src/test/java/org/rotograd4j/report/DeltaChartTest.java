package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.Test;

class DeltaChartTest {

    private static Map<String, Map<String, double[]>> deltas() {
        Map<String, Map<String, double[]>> deltas = new LinkedHashMap<>();
        Map<String, double[]> vanilla = new LinkedHashMap<>();
        vanilla.put("left", new double[] {-2, 1});
        vanilla.put("right", new double[] {Double.NaN, Double.NaN});
        Map<String, double[]> rotoGrad = new LinkedHashMap<>();
        rotoGrad.put("left", new double[] {3, 0.5});
        rotoGrad.put("right", new double[] {1, 2});
        deltas.put("Vanilla", vanilla);
        deltas.put("cagrad:0.5", rotoGrad);
        return deltas;
    }

    @Test
    void plotsOneBarPerMethodAndTaskWithItsStdAsErrorBar() throws Exception {
        Figure figure = DeltaChart.of("Δ_k", deltas());
        CategoryPlot plot = assertInstanceOf(CategoryPlot.class, figure.chart().getPlot());
        assertInstanceOf(StatisticalBarRenderer.class, plot.getRenderer());
        StatisticalCategoryDataset dataset = (StatisticalCategoryDataset) plot.getDataset();
        assertEquals(List.of("Vanilla", "cagrad:0.5"), dataset.getRowKeys());
        assertEquals(List.of("left", "right"), dataset.getColumnKeys());
        assertEquals(-2.0, dataset.getMeanValue("Vanilla", "left"));
        assertEquals(1.0, dataset.getStdDevValue("Vanilla", "left"));
        assertEquals(2.0, dataset.getStdDevValue("cagrad:0.5", "right"));
        assertNull(dataset.getMeanValue("Vanilla", "right"), "no bar where Δ_k is undefined");
        ValueAxis axis = plot.getRangeAxis();
        assertEquals("Δ_k (%)", axis.getLabel());
        assertTrue(axis.getLowerBound() <= -3 && axis.getUpperBound() >= 3.5, "the error bars fit: " + axis.getRange());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(figure.png()));
        assertEquals(figure.width(), image.getWidth());
        assertEquals(DeltaChart.HEIGHT, image.getHeight());
    }

    @Test
    void methodsWithOtherTasksAreRefused() {
        Map<String, Map<String, double[]>> deltas = deltas();
        deltas.put("MGDA", Map.of("left", new double[] {1, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeltaChart.of("Δ_k", deltas));
        assertTrue(e.getMessage().startsWith("method 'MGDA' has the tasks [left]"), e.getMessage());
    }
}
