package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;

class TrainingCurvesTest {

    private static EpochSummary epoch(int epoch, double left, double right, double accuracy) {
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("left", left);
        losses.put("right", right);
        return new EpochSummary(epoch, losses, Map.of("left_accuracy", accuracy), 1, 0, 0, List.of());
    }

    private static Map<String, List<EpochSummary>> runs() {
        Map<String, List<EpochSummary>> runs = new LinkedHashMap<>();
        // Vanilla's left loss falls three decades; right losses stay within a factor 2; one accuracy is missing.
        runs.put("Vanilla", List.of(epoch(1, 2.0, 1.5, 0.5), epoch(2, 0.2, 1.0, Double.NaN), epoch(3, 0.002, 0.8, 0.7)));
        runs.put("RotoGrad", List.of(epoch(1, 1.0, 1.2, 0.6), epoch(2, 0.5, 0.9, 0.65), epoch(3, 0.25, 0.85, 0.8)));
        return runs;
    }

    @Test
    void plotsOnePanelPerTaskLossAndValidationMeasureWithOneSeriesPerRun() {
        Figure figure = TrainingCurves.of("curves", runs());
        CombinedDomainXYPlot plot = assertInstanceOf(CombinedDomainXYPlot.class, figure.chart().getPlot());
        assertEquals("epoch", plot.getDomainAxis().getLabel());
        assertTrue(plot.getDomainAxis().getLowerBound() > 0 && plot.getDomainAxis().getUpperBound() >= 3,
                "the epochs, 1 to 3: " + plot.getDomainAxis().getRange());
        List<XYPlot> panels = plot.getSubplots();
        assertEquals(List.of("left train loss", "right train loss", "val left_accuracy"),
                panels.stream().map(panel -> panel.getRangeAxis().getLabel()).toList());
        XYDataset left = panels.get(0).getDataset();
        assertEquals(List.of("Vanilla", "RotoGrad"), List.of(left.getSeriesKey(0), left.getSeriesKey(1)));
        assertEquals(3, left.getItemCount(0));
        assertEquals(3.0, left.getXValue(0, 2));
        assertEquals(0.002, left.getYValue(0, 2));
        assertEquals(0.25, left.getYValue(1, 2));
        XYDataset accuracy = panels.get(2).getDataset();
        assertEquals(2, accuracy.getItemCount(0), "the missing accuracy is left out");
        assertEquals(List.of(1.0, 3.0), List.of(accuracy.getXValue(0, 0), accuracy.getXValue(0, 1)));
        assertEquals(2, plot.getLegendItems().getItemCount(), "one legend entry per run, not per panel");
        for (XYPlot panel : panels) {
            assertEquals(panels.get(0).getRenderer().getSeriesPaint(1), panel.getRenderer().getSeriesPaint(1),
                    "RotoGrad has one colour");
            assertEquals(panels.get(0).getRenderer().getSeriesShape(1), panel.getRenderer().getSeriesShape(1),
                    "and one marker");
        }
        assertEquals(TrainingCurves.FRAME_HEIGHT + 3 * TrainingCurves.PANEL_HEIGHT, figure.height());
    }

    @Test
    void lossesThatFallByDecadesGetALogarithmicAxisCoveringThem() {
        List<XYPlot> panels = ((CombinedDomainXYPlot) TrainingCurves.of("curves", runs()).chart().getPlot())
                .getSubplots();
        ValueAxis falling = panels.get(0).getRangeAxis();
        assertInstanceOf(LogAxis.class, falling, "2 to 0.002 spans three decades");
        assertTrue(falling.getLowerBound() <= 0.002 && falling.getUpperBound() >= 2.0, falling.getRange().toString());
        ValueAxis flat = panels.get(1).getRangeAxis();
        assertInstanceOf(NumberAxis.class, flat, "0.8 to 1.5: linear");
        assertFalse(flat instanceof LogAxis);
        assertTrue(flat.getLowerBound() <= 0.8 && flat.getUpperBound() >= 1.5 && flat.getLowerBound() > 0,
                "a linear axis fits the data, not zero: " + flat.getRange());
        assertTrue(TrainingCurves.spansDecades(new double[] {5, Double.NaN, 0.05}));
        assertFalse(TrainingCurves.spansDecades(new double[] {5, -1, 0.001}), "not all positive");
    }

    @Test
    void writesAReadablePngOfTheFiguresSize(@TempDir Path folder) throws Exception {
        Figure figure = TrainingCurves.of("curves", runs());
        Path png = folder.resolve("out/curves.png");
        figure.write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(figure.width(), image.getWidth());
        assertEquals(figure.height(), image.getHeight());
        assertEquals(image.getHeight(), ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png))).getHeight());
    }
}
