package org.rotograd4j.samples.illustrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders small figures and checks their size, that trajectories show, and argument validation. */
class TrajectoryFigureTest {

    private static final String TITLE = "Test figure";

    private static TrajectoryFigure.Panel panel(List<TrajectoryFigure.Trajectory> trajectories) {
        return new TrajectoryFigure.Panel("x² + y²", (x, y) -> x * x + y * y, new double[][] {{0, 0}},
                trajectories, -2, 2, -2, 2);
    }

    private static BufferedImage render(Path file, List<TrajectoryFigure.Trajectory> trajectories) throws IOException {
        TrajectoryFigure.write(TITLE, List.of(List.of(panel(trajectories), panel(List.of()))), file);
        return ImageIO.read(file.toFile());
    }

    @Test
    void drawsTrajectoryOverTheLevels(@TempDir Path dir) throws IOException {
        TrajectoryFigure.Trajectory red = new TrajectoryFigure.Trajectory(
                "red", Color.RED, new double[] {-1.5, 0, 1.5}, new double[] {-1, -1, -1});
        BufferedImage with = render(dir.resolve("nested/with.png"), List.of(red));
        BufferedImage without = render(dir.resolve("without.png"), List.of());

        assertTrue(with.getWidth() >= 2 * 360 && with.getWidth() <= 2 * 600, "width " + with.getWidth());
        assertTrue(with.getHeight() >= 360 && with.getHeight() < with.getWidth(), "height " + with.getHeight());
        assertEquals(without.getWidth(), with.getWidth());
        assertEquals(without.getHeight(), with.getHeight());

        Point2D onLine = TrajectoryFigure.plot(true, 0, 0, panel(List.of(red))).at(0.4, -1);
        int px = (int) Math.floor(onLine.getX());
        int py = (int) Math.floor(onLine.getY());
        assertEquals(Color.RED.getRGB(), with.getRGB(px, py), "trajectory pixel is pure red");
        assertNotEquals(with.getRGB(px, py), without.getRGB(px, py));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new TrajectoryFigure.Trajectory(
                "bad", Color.RED, new double[] {0, 1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new TrajectoryFigure.Panel(
                "bad", (x, y) -> x, new double[0][], List.of(), 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> TrajectoryFigure.write(TITLE, List.of(), Path.of("unused.png")));
    }
}
