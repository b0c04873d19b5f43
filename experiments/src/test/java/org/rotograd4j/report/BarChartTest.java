package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {

    private static final int FIRST_COLOUR = 0x1f77b4;
    private static final int SECOND_COLOUR = 0xff7f0e;
    private static final List<String> SERIES = List.of("baseline", "RotoGrad");

    @TempDir
    Path dir;

    @Test
    void drawsBarsUpAndDownFromZero() throws IOException {
        List<BarChart.Group> groups = List.of(
                new BarChart.Group("task A", new double[] {2, 1}),
                new BarChart.Group("task B", new double[] {-1, Double.NaN}),
                new BarChart.Group("task C", new double[] {1.5, 0.5}));
        List<double[]> errors = Arrays.asList(new double[] {0.2, 0.1}, null, new double[] {Double.NaN, 0.1});
        Path png = dir.resolve("nested/bars.png");

        BarChart.write("relative improvement", "Δ_k (%)", SERIES, groups, errors, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(BarChart.MIN_WIDTH, image.getWidth());
        assertEquals(BarChart.HEIGHT, image.getHeight());
        // Rows of the first colour in the columns of group A (value 2) and group B (value -1); the legend sits over C.
        int[] a = rowSpan(image, 0, 3, FIRST_COLOUR);
        int[] b = rowSpan(image, 1, 3, FIRST_COLOUR);
        assertTrue(a != null && b != null, "both bars of the first series are drawn");
        assertTrue(a[1] <= b[0] + 2, "the positive bar ends where the negative bar starts, at the zero line");
        assertTrue(a[1] - a[0] > 1.5 * (b[1] - b[0]), "a bar of 2 is about twice as tall as one of -1");
        assertTrue(rowSpan(image, 0, 3, SECOND_COLOUR) != null, "the second series has a bar in group A");
        assertEquals(null, rowSpan(image, 1, 3, SECOND_COLOUR), "NaN draws no bar");
    }

    @Test
    void rotatesCrowdedLabelsAndGrowsWithGroups() throws IOException {
        List<BarChart.Group> groups = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            groups.add(new BarChart.Group("a rather long task name " + i, new double[] {i - 20, Double.NaN}));
        }
        Path png = dir.resolve("crowded.png");

        BarChart.write("crowded", "Δ_k (%)", SERIES, groups, null, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(BarChart.LEFT + BarChart.RIGHT + 40 * (2 * 14 + 20), image.getWidth());
        assertTrue(image.getHeight() > BarChart.HEIGHT, "rotated labels need more room under the axis");
    }

    @Test
    void groupsCopyTheirValues() {
        double[] values = {1, 2};
        BarChart.Group group = new BarChart.Group("task", values);
        values[0] = 99;
        group.values()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, group.values());
    }

    @Test
    void rejectsMismatchedShapes() {
        Path png = dir.resolve("never.png");
        List<BarChart.Group> groups = List.of(new BarChart.Group("task", new double[] {1, 2}));
        List<BarChart.Group> tooLong = List.of(new BarChart.Group("task", new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> BarChart.write("t", "y", SERIES, tooLong, null, png));
        assertThrows(IllegalArgumentException.class, () -> BarChart.write("t", "y", List.of(), groups, null, png));
        assertThrows(IllegalArgumentException.class, () -> BarChart.write("t", "y", SERIES, List.of(), null, png));
        assertThrows(IllegalArgumentException.class,
                () -> BarChart.write("t", "y", SERIES, groups, List.of(new double[2], new double[2]), png));
        assertThrows(IllegalArgumentException.class,
                () -> BarChart.write("t", "y", SERIES, groups, List.<double[]>of(new double[] {1}), png));
        assertThrows(IllegalArgumentException.class,
                () -> BarChart.write("t", "y", SERIES, groups, List.<double[]>of(new double[] {1, -1}), png));
        assertThrows(IllegalArgumentException.class, () -> new BarChart.Group("task", null));
        assertTrue(!png.toFile().exists(), "nothing is written for invalid input");
    }

    /** First and last row holding the colour within one group's columns of the plot, or null if there is none. */
    private static int[] rowSpan(BufferedImage image, int group, int groups, int rgb) {
        double slot = (image.getWidth() - BarChart.LEFT - BarChart.RIGHT) / (double) groups;
        int from = (int) Math.ceil(BarChart.LEFT + group * slot);
        int to = (int) Math.floor(BarChart.LEFT + (group + 1) * slot);
        int first = -1, last = -1;
        for (int y = BarChart.TOP; y < image.getHeight() - BarChart.BOTTOM; y++) {
            for (int x = from; x < to; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    first = first < 0 ? y : first;
                    last = y;
                    break;
                }
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }
}
