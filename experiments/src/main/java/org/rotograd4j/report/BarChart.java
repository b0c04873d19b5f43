package org.rotograd4j.report;

import static org.rotograd4j.report.ChartStyle.FRAME;
import static org.rotograd4j.report.ChartStyle.GRID;
import static org.rotograd4j.report.ChartStyle.LABEL;
import static org.rotograd4j.report.ChartStyle.SMALL;
import static org.rotograd4j.report.ChartStyle.THIN;
import static org.rotograd4j.report.ChartStyle.colour;
import static org.rotograd4j.report.ChartStyle.drawCentered;
import static org.rotograd4j.report.ChartStyle.format;
import static org.rotograd4j.report.ChartStyle.niceStep;
import static org.rotograd4j.report.ChartStyle.require;

import jakarta.annotation.Nullable;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * Grouped bar charts drawn with the JDK alone, such as the per-task relative improvement of several methods
 * (one group of bars per task, one bar per method), written as a PNG.
 *
 * <p>Bars rise from (or hang below) a line at 0, in matplotlib's tab10 colours (cycled), with optional error bars,
 * "nice" y ticks, a light grey grid and a legend at the top right. Non-finite values draw no bar. Drawing needs no
 * display: unless {@code java.awt.headless} is set, loading this class sets it to {@code true}.
 */
public final class BarChart {

    /** Margins around the plot area, in pixels; the bottom one grows when group labels are rotated. */
    static final int LEFT = 66, RIGHT = 20, TOP = 40, BOTTOM = 30;
    static final int MIN_WIDTH = 480, HEIGHT = 360;
    /** Nominal width of one bar and of the gap between groups, which sets the image width. */
    private static final int BAR = 14, GAP = 20;
    private static final int TICKS = 5;
    /** Height of a line of small text (legend rows, rotated labels) and the legend's distance to the frame. */
    private static final int ROW = 15, LEGEND_MARGIN = 6;
    /** Measures group labels before the image exists, as antialiased text is drawn. */
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, false);

    private BarChart() {}

    /** One group of bars: its label (a task) and one value per series (NaN = no bar). */
    public record Group(String label, double[] values) {

        /**
         * Checks the arguments and keeps a copy of the values.
         *
         * @param label the group's label, shown under its bars
         * @param values one value per series, in series order; NaN or infinite for no bar
         * @throws IllegalArgumentException if {@code label} or {@code values} is null
         */
        public Group {
            require(label != null, "group label must not be null");
            require(values != null, "group '" + label + "': values must not be null");
            values = values.clone();
        }

        /**
         * Returns a copy of the values.
         *
         * @return one value per series, in series order; the group's own array is not exposed
         */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * Draws groups of bars, one bar per series (method) in each group, with a legend of series names, a y-axis
     * label, a horizontal line at 0, optional error bars (same shape as values, NaN or null = none), and writes a
     * PNG (creates parent folders).
     *
     * @param title the chart's title, above the plot
     * @param yLabel the y axis's label, such as {@code Δ_k (%)}
     * @param series the series' names (methods), in bar order within each group; shown in the legend
     * @param groups the groups (tasks), left to right, each with one value per series
     * @param errors null, or one entry per group: null or one non-negative half-width per series
     * @param png the file to write
     * @throws IllegalArgumentException if an argument is null, series or groups is empty, or shapes disagree
     * @throws IOException if the file cannot be written
     */
    public static void write(String title, String yLabel, List<String> series, List<Group> groups,
            @Nullable List<double[]> errors, Path png) throws IOException {
        validate(title, yLabel, series, groups, errors, png);
        int width = Math.max(MIN_WIDTH, LEFT + RIGHT + groups.size() * (series.size() * BAR + GAP));
        double slot = (width - LEFT - RIGHT) / (double) groups.size();
        double widest = groups.stream().mapToDouble(gr -> SMALL.getStringBounds(gr.label(), MEASURE).getWidth())
                .max().orElse(0);
        boolean rotate = widest + 4 > slot;
        int bottom = rotate ? (int) Math.ceil((widest + ROW) * Math.sqrt(0.5)) + 12 : BOTTOM;
        Rectangle plot = new Rectangle(LEFT, TOP, width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);

        BufferedImage image = ChartStyle.canvas(width, TOP + plot.height + bottom, title);
        Graphics2D g = ChartStyle.graphics(image);
        try {
            g.setColor(Color.BLACK);
            g.setFont(LABEL);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2, 16, plot.getCenterY());
            drawCentered(rotated, yLabel, 16, plot.getCenterY());
            rotated.dispose();

            double legendRoom = 2 * LEGEND_MARGIN + series.size() * ROW + 8;
            Axis axis = axis(groups, errors, Math.min(0.5, legendRoom / plot.height));
            drawGridAndTicks(g, plot, axis);
            for (int i = 0; i < groups.size(); i++) {
                drawGroup(g, plot, axis, groups.get(i).values, errors, i, slot);
                drawGroupLabel(g, groups.get(i).label(), plot.x + (i + 0.5) * slot, plot.getMaxY(), rotate);
            }
            g.setStroke(THIN);
            g.setColor(Color.BLACK);
            double zero = y(plot, axis, 0);
            g.draw(new Line2D.Double(plot.x, zero, plot.getMaxX(), zero));
            g.setColor(FRAME);
            g.draw(plot);
            drawLegend(g, plot, series);
        } finally {
            g.dispose();
        }
        ChartStyle.writePng(image, png);
    }

    private static void validate(String title, String yLabel, List<String> series, List<Group> groups,
            @Nullable List<double[]> errors, Path png) {
        require(title != null && yLabel != null, "title and y label must not be null");
        require(series != null && !series.isEmpty(), "there must be at least one series");
        require(series.stream().noneMatch(Objects::isNull), "series names must not be null");
        require(groups != null && !groups.isEmpty(), "there must be at least one group");
        require(groups.stream().noneMatch(Objects::isNull), "groups must not hold null");
        require(png != null, "output path must not be null");
        if (errors != null) {
            require(errors.size() == groups.size(),
                    "errors has " + errors.size() + " entries but there are " + groups.size() + " groups");
        }
        for (int i = 0; i < groups.size(); i++) {
            String label = groups.get(i).label();
            int values = groups.get(i).values.length;
            require(values == series.size(),
                    "group '" + label + "' has " + values + " values but there are " + series.size() + " series");
            double[] row = errors == null ? null : errors.get(i);
            if (row != null) {
                require(row.length == values, "errors for group '" + label + "' has " + row.length
                        + " values but there are " + values + " series");
                require(Arrays.stream(row).noneMatch(e -> e < 0),
                        "errors for group '" + label + "' must not be negative");
            }
        }
    }

    /** Returns the half-width of the error bar of series {@code j} in group {@code i}, or NaN when there is none. */
    private static double error(List<double[]> errors, int i, int j) {
        return errors == null || errors.get(i) == null ? Double.NaN : errors.get(i)[j];
    }

    /** Draws the bars of group {@code i}, centred in its slot of the plot's width, with their error bars. */
    private static void drawGroup(Graphics2D g, Rectangle plot, Axis axis, double[] values, List<double[]> errors,
            int i, double slot) {
        double barWidth = slot * BAR / (values.length * BAR + GAP);
        double left = plot.x + (i + 0.5) * slot - values.length * barWidth / 2;
        double zero = y(plot, axis, 0);
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                continue;
            }
            double x = left + j * barWidth;
            double top = y(plot, axis, values[j]);
            g.setColor(colour(j));
            g.fill(new Rectangle2D.Double(x + 1, Math.min(top, zero), barWidth - 2, Math.abs(zero - top)));
            double error = error(errors, i, j);
            if (Double.isFinite(error)) {
                double mid = x + barWidth / 2, cap = barWidth / 6;
                double hi = y(plot, axis, values[j] + error), lo = y(plot, axis, values[j] - error);
                g.setColor(Color.BLACK);
                g.setStroke(THIN);
                g.draw(new Line2D.Double(mid, hi, mid, lo));
                g.draw(new Line2D.Double(mid - cap, hi, mid + cap, hi));
                g.draw(new Line2D.Double(mid - cap, lo, mid + cap, lo));
            }
        }
    }

    /** Writes a group label under the axis, centred on the group or, rotated by 45 degrees, ending under it. */
    private static void drawGroupLabel(Graphics2D g, String label, double centre, double axisY, boolean rotate) {
        g.setFont(SMALL);
        g.setColor(Color.DARK_GRAY);
        FontMetrics fm = g.getFontMetrics();
        if (!rotate) {
            drawCentered(g, label, centre, axisY + 4 + fm.getAscent());
            return;
        }
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.translate(centre, axisY + 6);
        rotated.rotate(-Math.PI / 4);
        rotated.drawString(label, -fm.stringWidth(label), fm.getAscent());
        rotated.dispose();
    }

    private static void drawGridAndTicks(Graphics2D g, Rectangle plot, Axis axis) {
        g.setFont(SMALL);
        g.setStroke(THIN);
        FontMetrics fm = g.getFontMetrics();
        for (double t : axis.ticks()) {
            double py = y(plot, axis, t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.x, py, plot.getMaxX(), py));
            g.setColor(Color.DARK_GRAY);
            String text = format(t);
            g.drawString(text, (float) (plot.x - 5 - fm.stringWidth(text)), (float) (py + fm.getAscent() / 2.0 - 1));
        }
    }

    private static void drawLegend(Graphics2D g, Rectangle plot, List<String> series) {
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        int width = series.stream().mapToInt(fm::stringWidth).max().orElse(0) + 34;
        int height = series.size() * ROW + 8;
        int x = (int) plot.getMaxX() - width - LEGEND_MARGIN;
        int y = plot.y + LEGEND_MARGIN;
        g.setStroke(THIN);
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x, y, width, height);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x, y, width, height);
        for (int i = 0; i < series.size(); i++) {
            double mid = y + 4 + (i + 0.5) * ROW;
            g.setColor(colour(i));
            g.fill(new Rectangle2D.Double(x + 8, mid - 5, 16, 10));
            g.setColor(Color.BLACK);
            g.drawString(series.get(i), x + 30, (float) (mid + fm.getAscent() / 2.0 - 1));
        }
    }



    private static double y(Rectangle plot, Axis axis, double value) {
        return plot.getMaxY() - (value - axis.lo()) / (axis.hi() - axis.lo()) * plot.height;
    }

    /** Linear axis from {@code lo} to {@code hi} with ticks at multiples of a "nice" step. */
    private record Axis(double lo, double hi, double[] ticks) {}

    /** Covers 0 and every value with its error bar, leaving the given fraction of the axis free at the top. */
    private static Axis axis(List<Group> groups, List<double[]> errors, double headroom) {
        double min = 0, max = 0;
        for (int i = 0; i < groups.size(); i++) {
            double[] values = groups.get(i).values;
            for (int j = 0; j < values.length; j++) {
                if (Double.isFinite(values[j])) {
                    double error = Double.isFinite(error(errors, i, j)) ? error(errors, i, j) : 0;
                    min = Math.min(min, values[j] - error);
                    max = Math.max(max, values[j] + error);
                }
            }
        }
        max = min == max ? 1 : max;
        Axis axis = niceAxis(min, max);
        // Raising the top so that the free part is large enough can only lower the bottom finitely often.
        while (axis.hi() - max < (headroom - 1e-9) * (axis.hi() - axis.lo())) {
            axis = niceAxis(min, (max - headroom * axis.lo()) / (1 - headroom));
        }
        return axis;
    }

    private static Axis niceAxis(double min, double max) {
        double step = niceStep((max - min) / (TICKS - 1));
        long first = (long) Math.floor(min / step);
        long last = (long) Math.ceil(max / step);
        double[] ticks = LongStream.rangeClosed(first, last).mapToDouble(k -> k * step).toArray();
        return new Axis(first * step, last * step, ticks);
    }


}
