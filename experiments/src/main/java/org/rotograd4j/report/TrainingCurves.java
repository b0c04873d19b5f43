package org.rotograd4j.report;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rotograd4j.fit.EpochSummary;

/**
 * Per-task training curves of one or more runs as one JFreeChart line chart: one panel per task's training
 * loss and per validation measure ({@code <task>_<metric>}), stacked over a shared epoch axis, one line per
 * run in the same colour on every panel. A panel whose values are all positive and span {@value
 * #LOG_SPAN}-fold or more (losses falling by decades) has a logarithmic value axis, the others a linear one.
 */
public final class TrainingCurves {

    /** The ratio of a panel's largest to its smallest value from which its axis is logarithmic. */
    public static final double LOG_SPAN = 100;
    /** The figure's width in pixels. */
    public static final int WIDTH = 1000;
    /** The height of one panel in pixels. */
    public static final int PANEL_HEIGHT = 220;
    /** The height of the title, the epoch axis and the legend in pixels. */
    public static final int FRAME_HEIGHT = 160;

    private static final Paint[] COLOURS = DefaultDrawingSupplier.DEFAULT_PAINT_SEQUENCE;
    private static final Shape[] MARKERS = DefaultDrawingSupplier.createStandardSeriesShapes();

    private TrainingCurves() {}

    /**
     * Plots the curves.
     *
     * @param title the figure's title
     * @param runs the epochs of each run, by run name; runs without epochs draw no line
     * @return the figure: {@link CombinedDomainXYPlot} whose subplots hold one series per run (epoch, value),
     *     NaN values left out, a run with the same colour and marker in every panel; {@value #PANEL_HEIGHT}
     *     pixels per panel
     */
    public static Figure of(String title, Map<String, List<EpochSummary>> runs) {
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> measures = new LinkedHashSet<>();
        runs.values().forEach(epochs -> epochs.forEach(e -> {
            tasks.addAll(e.trainLosses().keySet());
            measures.addAll(e.validation().keySet());
        }));
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        for (String task : tasks) {
            plot.add(panel(task + " train loss", runs, e -> e.trainLosses().getOrDefault(task, Double.NaN)));
        }
        for (String measure : measures) {
            plot.add(panel("val " + measure, runs, e -> e.validation().getOrDefault(measure, Double.NaN)));
        }
        List<XYPlot> panels = plot.getSubplots();
        if (!panels.isEmpty()) {
            plot.setFixedLegendItems(panels.get(0).getRenderer().getLegendItems());
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new Figure(chart, WIDTH, FRAME_HEIGHT + PANEL_HEIGHT * Math.max(1, panels.size()));
    }

    /**
     * Returns whether values are drawn on a logarithmic axis.
     *
     * @param values the values of a panel, NaN ones ignored
     * @return {@code true} when all are positive and the largest is at least {@value #LOG_SPAN} times the smallest
     */
    static boolean spansDecades(double[] values) {
        double min = Statistics.min(values);
        return min > 0 && Statistics.max(values) / min >= LOG_SPAN;
    }

    private static XYPlot panel(String label, Map<String, List<EpochSummary>> runs,
            ToDoubleFunction<EpochSummary> value) {
        XYSeriesCollection series = new XYSeriesCollection();
        List<Double> all = new ArrayList<>();
        runs.forEach((run, epochs) -> {
            XYSeries line = new XYSeries(run, false, true);
            for (EpochSummary epoch : epochs) {
                double y = value.applyAsDouble(epoch);
                if (!Double.isNaN(y)) {
                    line.add(epoch.epoch(), y);
                    all.add(y);
                }
            }
            series.addSeries(line);
        });
        ValueAxis axis = spansDecades(all.stream().mapToDouble(Double::doubleValue).toArray()) ? new LogAxis(label)
                : new NumberAxis(label);
        if (axis instanceof NumberAxis linear) {
            linear.setAutoRangeIncludesZero(false);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < series.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, COLOURS[s % COLOURS.length]);
            renderer.setSeriesShape(s, MARKERS[s % MARKERS.length]);
        }
        XYPlot plot = new XYPlot(series, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
