package org.rotograd4j.report;

import static org.rotograd4j.report.ChartStyle.FRAME;
import static org.rotograd4j.report.ChartStyle.GRID;
import static org.rotograd4j.report.ChartStyle.LABEL;
import static org.rotograd4j.report.ChartStyle.PANEL_TITLE;
import static org.rotograd4j.report.ChartStyle.SMALL;
import static org.rotograd4j.report.ChartStyle.THIN;
import static org.rotograd4j.report.ChartStyle.colour;
import static org.rotograd4j.report.ChartStyle.drawCentered;
import static org.rotograd4j.report.ChartStyle.format;
import static org.rotograd4j.report.ChartStyle.niceStep;
import static org.rotograd4j.report.ChartStyle.require;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * Line charts drawn with the JDK alone: a grid of panels (for instance one per task, with its training and
 * validation loss against the epoch) under a figure title, written as a PNG.
 *
 * <p>Each panel has its own axes with "nice" ticks, a light grey grid, a legend and one line per series, in
 * matplotlib's tab10 colours (cycled). Non-finite values leave a gap in a line. Drawing needs no display: unless
 * {@code java.awt.headless} is set, loading this class sets it to {@code true}.
 */
public final class LineChart {

    static final int PANEL_WIDTH = 420;
    static final int PANEL_HEIGHT = 300;
    static final int TITLE_HEIGHT = 40;

    /** Margins around a panel's plot area, in pixels. */
    private static final int LEFT = 66, RIGHT = 24, TOP = 30, BOTTOM = 46;
    private static final int TICKS = 5;
    private static final int MAX_POINTS_WITH_DOTS = 30;
    private static final double DOT = 6;
    private static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private LineChart() {}

    /** One line: a label, its x values and y values (same length >= 1; NaN y values leave a gap). */
    public record Series(String label, double[] x, double[] y) {

        /**
         * Checks the values and keeps copies of the arrays.
         *
         * @param label the line's name in the legend (a run, for example)
         * @param x the x values, such as epochs
         * @param y the y values, as many as x; NaN or infinite values leave a gap
         * @throws IllegalArgumentException if an argument is null, the lengths differ or there is no point
         */
        public Series {
            require(label != null, "series label must not be null");
            require(x != null && y != null, "series '" + label + "': x and y must not be null");
            require(x.length == y.length,
                    "series '" + label + "': x has " + x.length + " values but y has " + y.length);
            require(x.length >= 1, "series '" + label + "' has no points");
            x = x.clone();
            y = y.clone();
        }

        /**
         * Returns a copy of the x values.
         *
         * @return the x values; the series' own array is not exposed
         */
        @Override
        public double[] x() {
            return x.clone();
        }

        /**
         * Returns a copy of the y values.
         *
         * @return the y values; the series' own array is not exposed
         */
        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /**
     * One panel: title, axis labels, its lines, and whether the y axis is logarithmic (only if all finite y > 0,
     * otherwise it falls back to linear silently).
     */
    public record Panel(String title, String xLabel, String yLabel, List<Series> series, boolean logY) {

        /**
         * Checks the arguments and keeps an unmodifiable copy of the series.
         *
         * @param title the panel's title
         * @param xLabel the x axis's label
         * @param yLabel the y axis's label
         * @param series the lines, drawn in order; may be empty
         * @param logY whether the y axis is logarithmic (ignored unless every finite y value is positive)
         * @throws IllegalArgumentException if an argument is null or the series list holds null
         */
        public Panel {
            require(title != null, "panel title must not be null");
            require(xLabel != null && yLabel != null, "panel '" + title + "': axis labels must not be null");
            require(series != null && series.stream().noneMatch(Objects::isNull),
                    "panel '" + title + "': series list must not be null nor hold null");
            series = List.copyOf(series);
        }
    }

    /**
     * Draws the panels in a grid of the given number of columns (rows as needed; fewer columns when there are
     * fewer panels) under a figure title and writes a PNG; creates parent folders.
     *
     * @param title the figure's title, above the panels
     * @param panels the panels, filled in row by row
     * @param columns the number of panels per row; at least 1
     * @param png the file to write
     * @throws IllegalArgumentException if an argument is null, the panel list is empty or columns is below 1
     * @throws IOException if the file cannot be written
     */
    public static void write(String title, List<Panel> panels, int columns, Path png) throws IOException {
        require(title != null, "figure title must not be null");
        require(panels != null && !panels.isEmpty(), "there must be at least one panel");
        require(panels.stream().noneMatch(Objects::isNull), "panels must not hold null");
        require(columns >= 1, "columns must be at least 1, was " + columns);
        require(png != null, "output path must not be null");

        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage image = ChartStyle.canvas(cols * PANEL_WIDTH, TITLE_HEIGHT + rows * PANEL_HEIGHT, title);
        Graphics2D g = ChartStyle.graphics(image);
        try {
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), (i % cols) * PANEL_WIDTH, TITLE_HEIGHT + (i / cols) * PANEL_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        ChartStyle.writePng(image, png);
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left, int top) {
        Rectangle plot = new Rectangle(left + LEFT, top + TOP, PANEL_WIDTH - LEFT - RIGHT, PANEL_HEIGHT - TOP - BOTTOM);
        g.setColor(Color.BLACK);
        g.setFont(PANEL_TITLE);
        drawCentered(g, panel.title(), plot.getCenterX(), top + 20);
        g.setFont(LABEL);
        drawCentered(g, panel.xLabel(), plot.getCenterX(), top + PANEL_HEIGHT - 8);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2, left + 16, plot.getCenterY());
        drawCentered(rotated, panel.yLabel(), left + 16, plot.getCenterY());
        rotated.dispose();

        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : panel.series()) {
            for (int j = 0; j < s.x.length; j++) {
                if (drawable(s, j)) {
                    minX = Math.min(minX, s.x[j]);
                    maxX = Math.max(maxX, s.x[j]);
                    minY = Math.min(minY, s.y[j]);
                    maxY = Math.max(maxY, s.y[j]);
                }
            }
        }
        g.setStroke(THIN);
        if (minX > maxX) {
            g.setColor(FRAME);
            g.draw(plot);
            drawCentered(g, "no data", plot.getCenterX(), plot.getCenterY());
            return;
        }
        Axis xAxis = linearAxis(minX, maxX);
        Axis yAxis = panel.logY() && minY > 0 ? logAxis(minY, maxY) : linearAxis(minY, maxY);
        drawGridAndTicks(g, plot, xAxis, yAxis);
        g.setColor(FRAME);
        g.draw(plot);
        for (int i = 0; i < panel.series().size(); i++) {
            drawSeries(g, plot, panel.series().get(i), colour(i), xAxis, yAxis);
        }
        drawLegend(g, plot, panel.series());
    }

    private static void drawGridAndTicks(Graphics2D g, Rectangle plot, Axis xAxis, Axis yAxis) {
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        for (double t : xAxis.ticks()) {
            double px = plot.x + xAxis.fraction(t) * plot.width;
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, plot.y, px, plot.getMaxY()));
            g.setColor(Color.DARK_GRAY);
            drawCentered(g, format(t), px, plot.getMaxY() + 4 + fm.getAscent());
        }
        for (double t : yAxis.ticks()) {
            double py = plot.getMaxY() - yAxis.fraction(t) * plot.height;
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.x, py, plot.getMaxX(), py));
            g.setColor(Color.DARK_GRAY);
            String text = format(t);
            g.drawString(text, (float) (plot.x - 5 - fm.stringWidth(text)), (float) (py + fm.getAscent() / 2.0 - 1));
        }
    }

    private static void drawSeries(Graphics2D g, Rectangle plot, Series s, Color colour, Axis xAxis, Axis yAxis) {
        Path2D line = new Path2D.Double();
        List<double[]> dots = new ArrayList<>();
        boolean withDots = s.x.length <= MAX_POINTS_WITH_DOTS;
        boolean penDown = false;
        for (int j = 0; j < s.x.length; j++) {
            if (!drawable(s, j)) {
                penDown = false;
                continue;
            }
            double px = plot.x + xAxis.fraction(s.x[j]) * plot.width;
            double py = plot.getMaxY() - yAxis.fraction(s.y[j]) * plot.height;
            if (penDown) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
            }
            penDown = true;
            boolean isolated = !(j > 0 && drawable(s, j - 1)) && !(j + 1 < s.x.length && drawable(s, j + 1));
            if (withDots || isolated) {
                dots.add(new double[] {px, py});
            }
        }
        g.setColor(colour);
        g.setStroke(LINE);
        g.draw(line);
        for (double[] d : dots) {
            g.fill(new Ellipse2D.Double(d[0] - DOT / 2, d[1] - DOT / 2, DOT, DOT));
        }
    }

    private static void drawLegend(Graphics2D g, Rectangle plot, List<Series> series) {
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        int rowHeight = fm.getHeight() + 2;
        int width = series.stream().mapToInt(s -> fm.stringWidth(s.label())).max().orElse(0) + 40;
        int height = series.size() * rowHeight + 8;
        int x = (int) plot.getMaxX() - width - 6;
        int y = plot.y + 6;
        g.setStroke(THIN);
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x, y, width, height);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x, y, width, height);
        for (int i = 0; i < series.size(); i++) {
            double mid = y + 4 + i * rowHeight + rowHeight / 2.0;
            g.setColor(colour(i));
            g.setStroke(LINE);
            g.draw(new Line2D.Double(x + 8, mid, x + 26, mid));
            g.setColor(Color.BLACK);
            g.drawString(series.get(i).label(), x + 32, (float) (mid + fm.getAscent() / 2.0 - 1));
        }
    }

    private static boolean drawable(Series s, int j) {
        return Double.isFinite(s.x[j]) && Double.isFinite(s.y[j]);
    }



    /** Axis from {@code lo} to {@code hi}, in log10 units for a logarithmic axis; ticks are data values. */
    private record Axis(double lo, double hi, double[] ticks, boolean log) {
        double fraction(double value) {
            return ((log ? Math.log10(value) : value) - lo) / (hi - lo);
        }
    }

    private static Axis linearAxis(double min, double max) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / (TICKS - 1));
        long first = (long) Math.floor(min / step);
        long last = (long) Math.ceil(max / step);
        double[] ticks = LongStream.rangeClosed(first, last).mapToDouble(k -> k * step).toArray();
        return new Axis(first * step, last * step, ticks, false);
    }


    private static Axis logAxis(double min, double max) {
        int lo = (int) Math.floor(Math.log10(min));
        int hi = (int) Math.ceil(Math.log10(max));
        if (lo == hi) {
            lo--;
            hi++;
        }
        int step = Math.max(1, (int) Math.ceil((hi - lo) / (double) (TICKS - 1)));
        hi = lo + step * ((hi - lo + step - 1) / step);
        double[] mantissas = hi - lo <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        List<Double> ticks = new ArrayList<>();
        for (int k = lo; k <= hi; k += step) {
            for (double m : mantissas) {
                if (k + Math.log10(m) <= hi) {
                    ticks.add(m * Math.pow(10, k));
                }
            }
        }
        return new Axis(lo, hi, ticks.stream().mapToDouble(Double::doubleValue).toArray(), true);
    }


}
