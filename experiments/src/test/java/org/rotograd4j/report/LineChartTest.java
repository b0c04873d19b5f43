package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    private static final int FIRST_PALETTE_COLOUR = 0x1f77b4;

    @TempDir
    Path dir;

    private static LineChart.Series series(String label, double... y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return new LineChart.Series(label, x, y);
    }

    @Test
    void drawsAGridOfPanelsWithColouredLines() throws IOException {
        LineChart.Panel linear = new LineChart.Panel("task A", "epoch", "loss", List.of(
                series("train loss", 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1),
                series("validation loss", 1.0, 0.9, Double.NaN, 0.7, 0.65, 0.6, 0.58, 0.57, 0.56, 0.55)), false);
        LineChart.Panel log = new LineChart.Panel("task B", "epoch", "loss", List.of(
                series("train loss", 10, 1, 0.1, 0.01)), true);
        LineChart.Panel logWithZero = new LineChart.Panel("task C", "epoch", "loss", List.of(
                series("train loss", 2, 1, 0, -1, Double.NaN)), true);
        Path png = dir.resolve("nested/folder/chart.png");

        LineChart.write("training curves", List.of(linear, log, logWithZero), 2, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * LineChart.PANEL_WIDTH, image.getWidth());
        assertEquals(LineChart.TITLE_HEIGHT + 2 * LineChart.PANEL_HEIGHT, image.getHeight());
        // The legend sits at the top of the plot; the falling train loss crosses the lower half of panel 1.
        int top = LineChart.TITLE_HEIGHT + LineChart.PANEL_HEIGHT / 2;
        int bottom = LineChart.TITLE_HEIGHT + LineChart.PANEL_HEIGHT;
        assertTrue(countColour(image, 0, top, LineChart.PANEL_WIDTH, bottom, FIRST_PALETTE_COLOUR) >= 20,
                "the first series should colour pixels along its line in the first panel");
        assertEquals(0, countColour(image, 0, 0, image.getWidth(), LineChart.TITLE_HEIGHT, FIRST_PALETTE_COLOUR),
                "the title strip holds no line");
    }

    @Test
    void handlesDegenerateData() throws IOException {
        LineChart.Panel empty = new LineChart.Panel("empty", "epoch", "loss", List.of(), false);
        LineChart.Panel allNaN = new LineChart.Panel("all NaN", "epoch", "loss",
                List.of(series("loss", Double.NaN, Double.POSITIVE_INFINITY)), true);
        LineChart.Panel single = new LineChart.Panel("single point", "epoch", "loss",
                List.of(series("loss", 0.5), series("flat", 3, 3, 3)), false);
        Path png = dir.resolve("degenerate.png");

        LineChart.write("degenerate", List.of(empty, allNaN, single), 5, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(3 * LineChart.PANEL_WIDTH, image.getWidth());
        // The lone point (0.5 on a 0..3 axis) lies in the lower half of panel 3, away from its legend.
        assertTrue(countColour(image, 2 * LineChart.PANEL_WIDTH, LineChart.TITLE_HEIGHT + LineChart.PANEL_HEIGHT / 2,
                image.getWidth(), image.getHeight(), FIRST_PALETTE_COLOUR) > 0, "a single point is drawn as a dot");
    }

    @Test
    void rejectsInvalidArguments() {
        Path png = dir.resolve("never.png");
        LineChart.Panel panel = new LineChart.Panel("p", "x", "y", List.of(series("s", 1, 2)), false);
        assertThrows(IllegalArgumentException.class,
                () -> new LineChart.Series("s", new double[] {1, 2, 3}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new LineChart.Series("s", new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new LineChart.Series(null, new double[1], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new LineChart.Panel(null, "x", "y", List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> LineChart.write("t", List.of(), 2, png));
        assertThrows(IllegalArgumentException.class, () -> LineChart.write("t", List.of(panel), 0, png));
        assertTrue(Files.notExists(png));
    }

    @Test
    void copiesArrays() {
        double[] y = {1, 2};
        LineChart.Series s = new LineChart.Series("s", new double[] {1, 2}, y);
        y[0] = 99;
        s.y()[1] = 99;
        assertEquals(1, s.y()[0]);
        assertEquals(2, s.y()[1]);
    }

    @Test
    void formatsTicksCompactly() {
        assertEquals("0.001", ChartStyle.format(0.001));
        assertEquals("0.25", ChartStyle.format(0.25));
        assertEquals("0.3", ChartStyle.format(0.1 * 3));
        assertEquals("12", ChartStyle.format(12));
        assertEquals("1.5e+04", ChartStyle.format(15000));
        assertEquals("1e-05", ChartStyle.format(1e-5));
        assertEquals("0", ChartStyle.format(0));
    }

    private static int countColour(BufferedImage image, int x0, int y0, int x1, int y1, int rgb) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
