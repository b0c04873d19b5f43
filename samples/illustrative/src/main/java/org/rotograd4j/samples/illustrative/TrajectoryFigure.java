package org.rotograd4j.samples.illustrative;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import javax.imageio.ImageIO;

/**
 * Draws figures like Figure 1 of the RotoGrad paper: rows of level plots of a function of two
 * variables, overlaid with optimisation trajectories and star-marked optima, written as a PNG.
 *
 * <p>Drawn with Java2D rather than JFreeChart, which the comparison's charts use: JFreeChart 1.5 has no contour
 * plot (its {@code ContourPlot} was removed in 1.0), and a heat map of {@code XYBlockRenderer} cells would lose the
 * level lines that show where the two losses' valleys lie; the figure needs filled levels, level lines,
 * trajectories and markers on one square, equal-scale panel.
 */
public final class TrajectoryFigure {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int PLOT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;
    private static final int PANEL_WIDTH = LEFT + PLOT + RIGHT;
    private static final int PANEL_HEIGHT = TOP + PLOT + BOTTOM;
    private static final int TITLE_HEIGHT = 44;
    private static final int CONTOURS = 12;
    private static final Color INVALID = new Color(150, 150, 150);
    private static final Color STAR = new Color(255, 200, 0);
    private static final Color[] RAMP = {
        new Color(0x440154), new Color(0x482878), new Color(0x3E4A89), new Color(0x31688E),
        new Color(0x26828E), new Color(0x1F9E89), new Color(0x35B779), new Color(0x6DCD59),
        new Color(0xB4DE2C), new Color(0xFDE725)};

    private TrajectoryFigure() {
    }

    /** One line on a panel. xs/ys same length >= 1; a null or blank label keeps it out of the legend. */
    public record Trajectory(String label, Color color, double[] xs, double[] ys) {
        /** Validates the points and copies the coordinate arrays. */
        public Trajectory {
            require(color != null, "trajectory colour must not be null");
            require(xs != null && ys != null, "trajectory coordinates must not be null");
            require(xs.length == ys.length,
                    "trajectory xs and ys differ in length: " + xs.length + " vs " + ys.length);
            require(xs.length >= 1, "a trajectory needs at least one point");
            require(Arrays.stream(xs).allMatch(Double::isFinite) && Arrays.stream(ys).allMatch(Double::isFinite),
                    "trajectory coordinates must be finite");
            xs = xs.clone();
            ys = ys.clone();
        }
    }

    /**
     * One panel: title, the function drawn as levels, points marked with a star, trajectories, and
     * the plotted window.
     */
    public record Panel(String title, DoubleBinaryOperator level, double[][] optima,
                        List<Trajectory> trajectories, double xMin, double xMax, double yMin, double yMax) {
        /** Validates the panel and copies the optima and the trajectory list. */
        public Panel {
            require(title != null, "panel title must not be null");
            require(level != null, "panel level function must not be null");
            require(optima != null && Arrays.stream(optima).allMatch(o -> o != null && o.length == 2),
                    "panel optima must be an array (possibly empty) of {x, y} pairs");
            require(trajectories != null && trajectories.stream().allMatch(Objects::nonNull),
                    "panel trajectories must be a list without nulls");
            require(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax,
                    "need finite xMin < xMax, got [" + xMin + ", " + xMax + "]");
            require(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax,
                    "need finite yMin < yMax, got [" + yMin + ", " + yMax + "]");
            optima = Arrays.stream(optima).map(double[]::clone).toArray(double[][]::new);
            trajectories = List.copyOf(trajectories);
        }
    }

    /** Where a panel's plot area lies in the image; maps the panel's window onto it. */
    record Plot(Panel panel, int left, int top) {
        /** The image position, in pixels, of the point (x, y) of the panel's window. */
        Point2D.Double at(double x, double y) {
            return new Point2D.Double(
                    left + (x - panel.xMin()) / (panel.xMax() - panel.xMin()) * PLOT,
                    top + (panel.yMax() - y) / (panel.yMax() - panel.yMin()) * PLOT);
        }
    }

    /** The plot area of the panel at (row, column) of a figure that has a non-blank title or not. */
    static Plot plot(boolean titled, int row, int column, Panel panel) {
        return new Plot(panel, column * PANEL_WIDTH + LEFT, (titled ? TITLE_HEIGHT : 0) + row * PANEL_HEIGHT + TOP);
    }

    /**
     * Draws the rows of panels (each row may have a different number of panels) with an optional
     * figure title, and writes a PNG. Creates parent folders.
     */
    public static void write(String title, List<List<Panel>> rows, Path png) throws IOException {
        require(rows != null && !rows.isEmpty(), "a figure needs at least one row of panels");
        require(png != null, "output path must not be null");
        int columns = 0;
        for (List<Panel> row : rows) {
            require(row != null && !row.isEmpty(), "every row needs at least one panel");
            require(row.stream().allMatch(Objects::nonNull), "panels must not be null");
            columns = Math.max(columns, row.size());
        }
        boolean titled = title != null && !title.isBlank();
        int width = columns * PANEL_WIDTH;
        BufferedImage image = new BufferedImage(
                width, (titled ? TITLE_HEIGHT : 0) + rows.size() * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            if (titled) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
                drawCentred(g, title, width / 2.0, 30);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    drawPanel(g, plot(titled, r, c, rows.get(r).get(c)));
                }
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void drawPanel(Graphics2D g, Plot plot) {
        double[][] values = sample(plot.panel());
        double[] range = robustRange(values);
        BufferedImage heat = new BufferedImage(PLOT, PLOT, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < PLOT; j++) {
            for (int i = 0; i < PLOT; i++) {
                double v = values[j][i];
                double t = (v - range[0]) / (range[1] - range[0]);
                heat.setRGB(i, j, Double.isFinite(v) ? rampRgb(t) : INVALID.getRGB());
            }
        }
        g.drawImage(heat, plot.left(), plot.top(), null);
        Shape previousClip = g.getClip();
        g.clipRect(plot.left(), plot.top(), PLOT, PLOT);
        drawContours(g, plot, values, range);
        for (Trajectory trajectory : plot.panel().trajectories()) {
            drawTrajectory(g, plot, trajectory);
        }
        for (double[] optimum : plot.panel().optima()) {
            fillOutlined(g, star(plot.at(optimum[0], optimum[1]), 10), STAR);
        }
        drawLegend(g, plot);
        g.setClip(previousClip);
        drawAxes(g, plot);
    }

    /** Values at the pixel centres of the plot area, indexed [row from the top][column from the left]. */
    private static double[][] sample(Panel p) {
        double[][] values = new double[PLOT][PLOT];
        for (int j = 0; j < PLOT; j++) {
            double y = p.yMax() - (j + 0.5) * (p.yMax() - p.yMin()) / PLOT;
            for (int i = 0; i < PLOT; i++) {
                values[j][i] = p.level().applyAsDouble(p.xMin() + (i + 0.5) * (p.xMax() - p.xMin()) / PLOT, y);
            }
        }
        return values;
    }

    /** The 2nd and 98th percentiles of the finite values, widened to a non-empty interval. */
    private static double[] robustRange(double[][] values) {
        double[] finite = Arrays.stream(values).flatMapToDouble(Arrays::stream)
                .filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return new double[] {0, 1};
        }
        double lo = finite[(int) Math.round(0.02 * (finite.length - 1))];
        double hi = finite[(int) Math.round(0.98 * (finite.length - 1))];
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private static int rampRgb(double t) {
        double s = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
        int i = Math.min((int) s, RAMP.length - 2);
        double f = s - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = RAMP[i].getRGB() >> shift & 0xFF;
            int b = RAMP[i + 1].getRGB() >> shift & 0xFF;
            rgb |= (int) Math.round(a + f * (b - a)) << shift;
        }
        return rgb;
    }

    /** Marching squares over the grid of pixel centres, at levels evenly spaced inside the colour range. */
    private static void drawContours(Graphics2D g, Plot plot, double[][] values, double[] range) {
        Path2D path = new Path2D.Double();
        for (int k = 1; k <= CONTOURS; k++) {
            double level = range[0] + k * (range[1] - range[0]) / (CONTOURS + 1);
            for (int j = 0; j + 1 < PLOT; j++) {
                for (int i = 0; i + 1 < PLOT; i++) {
                    addCellSegments(path, plot, values, i, j, level);
                }
            }
        }
        g.setColor(new Color(255, 255, 255, 120));
        g.setStroke(new BasicStroke(0.8f));
        g.draw(path);
    }

    private static void addCellSegments(Path2D path, Plot plot, double[][] values, int i, int j, double level) {
        int[] dx = {0, 1, 1, 0};
        int[] dy = {0, 0, 1, 1};
        double[] corner = new double[4];
        for (int c = 0; c < 4; c++) {
            corner[c] = values[j + dy[c]][i + dx[c]];
            if (!Double.isFinite(corner[c])) {
                return;
            }
        }
        List<Point2D> crossings = new ArrayList<>(4);
        for (int a = 0; a < 4; a++) {
            int b = (a + 1) % 4;
            if ((corner[a] < level) != (corner[b] < level)) {
                double f = (level - corner[a]) / (corner[b] - corner[a]);
                crossings.add(new Point2D.Double(plot.left() + i + 0.5 + dx[a] + f * (dx[b] - dx[a]),
                        plot.top() + j + 0.5 + dy[a] + f * (dy[b] - dy[a])));
            }
        }
        if (crossings.size() == 2) {
            addSegment(path, crossings.get(0), crossings.get(1));
        } else if (crossings.size() == 4) {
            double centre = Arrays.stream(corner).average().orElseThrow();
            int shift = (centre < level) == (corner[0] < level) ? 0 : 3;
            addSegment(path, crossings.get(shift % 4), crossings.get((shift + 1) % 4));
            addSegment(path, crossings.get((shift + 2) % 4), crossings.get((shift + 3) % 4));
        }
    }

    private static void addSegment(Path2D path, Point2D from, Point2D to) {
        path.moveTo(from.getX(), from.getY());
        path.lineTo(to.getX(), to.getY());
    }

    private static void drawTrajectory(Graphics2D g, Plot plot, Trajectory t) {
        int n = t.xs().length;
        Point2D[] points = new Point2D[n];
        for (int k = 0; k < n; k++) {
            points[k] = plot.at(t.xs()[k], t.ys()[k]);
        }
        g.setColor(t.color());
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(polyline(points));
        Point2D end = points[n - 1];
        int from = n - 2;
        while (from >= 0 && points[from].distance(end) < 1) {
            from--;
        }
        fillOutlined(g, dot(points[0], 4.5), t.color());
        fillOutlined(g, from >= 0 ? arrowhead(points[from], end) : dot(end, 5), t.color());
    }

    private static void fillOutlined(Graphics2D g, Shape shape, Color fill) {
        g.setColor(fill);
        g.fill(shape);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(shape);
    }

    private static Shape dot(Point2D centre, double radius) {
        return new Ellipse2D.Double(centre.getX() - radius, centre.getY() - radius, 2 * radius, 2 * radius);
    }

    private static Shape arrowhead(Point2D from, Point2D tip) {
        double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        Path2D head = polyline(new Point2D[] {tip,
            new Point2D.Double(tip.getX() - 13 * cos + 5.5 * sin, tip.getY() - 13 * sin - 5.5 * cos),
            new Point2D.Double(tip.getX() - 13 * cos - 5.5 * sin, tip.getY() - 13 * sin + 5.5 * cos)});
        head.closePath();
        return head;
    }

    private static Shape star(Point2D centre, double outer) {
        Point2D[] corners = new Point2D[10];
        for (int k = 0; k < 10; k++) {
            double radius = k % 2 == 0 ? outer : 0.42 * outer;
            double angle = -Math.PI / 2 + k * Math.PI / 5;
            corners[k] = new Point2D.Double(centre.getX() + radius * Math.cos(angle),
                    centre.getY() + radius * Math.sin(angle));
        }
        Path2D star = polyline(corners);
        star.closePath();
        return star;
    }

    private static Path2D polyline(Point2D[] points) {
        Path2D path = new Path2D.Double();
        path.moveTo(points[0].getX(), points[0].getY());
        for (int k = 1; k < points.length; k++) {
            path.lineTo(points[k].getX(), points[k].getY());
        }
        return path;
    }

    private static void drawLegend(Graphics2D g, Plot plot) {
        List<Trajectory> labelled = plot.panel().trajectories().stream()
                .filter(t -> t.label() != null && !t.label().isBlank()).toList();
        if (labelled.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int lineHeight = fm.getHeight() + 2;
        int textWidth = labelled.stream().mapToInt(t -> fm.stringWidth(t.label())).max().orElseThrow();
        double width = textWidth + 44;
        double height = labelled.size() * lineHeight + 8;
        double x = plot.left() + PLOT - width - 6;
        double y = plot.top() + 6;
        Shape box = new RoundRectangle2D.Double(x, y, width, height, 8, 8);
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(box);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(box);
        for (int k = 0; k < labelled.size(); k++) {
            double baseline = y + 4 + k * lineHeight + fm.getAscent();
            double middle = baseline - fm.getAscent() / 2.0 + 1;
            g.setColor(labelled.get(k).color());
            g.setStroke(new BasicStroke(2.5f));
            g.draw(new Line2D.Double(x + 8, middle, x + 28, middle));
            g.setColor(Color.BLACK);
            g.drawString(labelled.get(k).label(), (float) (x + 34), (float) baseline);
        }
    }

    private static void drawAxes(Graphics2D g, Plot plot) {
        Panel p = plot.panel();
        int bottom = plot.top() + PLOT;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(plot.left(), plot.top(), PLOT, PLOT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        drawCentred(g, p.title(), plot.left() + PLOT / 2.0, plot.top() - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (Tick tick : ticks(p.xMin(), p.xMax())) {
            double x = plot.at(tick.value(), p.yMin()).getX();
            g.draw(new Line2D.Double(x, bottom, x, bottom + 5));
            drawCentred(g, tick.label(), x, bottom + 7 + fm.getAscent());
        }
        for (Tick tick : ticks(p.yMin(), p.yMax())) {
            double y = plot.at(p.xMin(), tick.value()).getY();
            g.draw(new Line2D.Double(plot.left() - 5, y, plot.left(), y));
            g.drawString(tick.label(), (float) (plot.left() - 8 - fm.stringWidth(tick.label())),
                    (float) (y + fm.getAscent() / 2.0 - 1));
        }
    }

    private record Tick(double value, String label) {
    }

    /** About five ticks at multiples of 1, 2 or 5 times a power of ten inside [min, max]. */
    private static List<Tick> ticks(double min, double max) {
        double raw = (max - min) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double ratio = raw / magnitude;
        double step = magnitude * (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<Tick> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + 1e-9 * step; k++) {
            double value = k * step;
            ticks.add(new Tick(value, String.format(Locale.ROOT, "%." + decimals + "f", value + 0.0)));
        }
        return ticks;
    }

    private static void drawCentred(Graphics2D g, String text, double centreX, double baseline) {
        g.drawString(text, (float) (centreX - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
