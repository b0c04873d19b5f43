package org.rotograd4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The relative improvements {@code Δ_k} of several methods as a JFreeChart bar chart like the paper's
 * Figure 4: one group of bars per task, one bar per method with its median over seeds, and an error bar of
 * ± the standard deviation over seeds; a line marks 0.
 */
public final class DeltaChart {

    /** The chart's height in pixels. */
    public static final int HEIGHT = 480;
    /** The width of one bar in pixels, which sets the chart's width. */
    public static final int BAR_WIDTH = 14;
    /** The smallest width of the chart in pixels. */
    public static final int MIN_WIDTH = 640;
    /** Above this many tasks the task labels are written at an angle. */
    private static final int UPRIGHT_LABELS = 8;

    private DeltaChart() {}

    /**
     * Plots the improvements.
     *
     * @param title the chart's title
     * @param deltas each method's {@code {median, std}} of Δ_k (%) over seeds, by method then task; every
     *     method has the same tasks, in the same order
     * @return the figure: a {@link CategoryPlot} of a {@link DefaultStatisticalCategoryDataset} whose rows are
     *     the methods and columns the tasks, with no bar (a {@code null} mean) where the median is NaN
     * @throws IllegalArgumentException when the methods' tasks differ
     */
    public static Figure of(String title, Map<String, Map<String, double[]>> deltas) {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        List<String> tasks = deltas.values().stream().findFirst().map(byTask -> List.copyOf(byTask.keySet()))
                .orElse(List.of());
        deltas.forEach((method, byTask) -> {
            if (!List.copyOf(byTask.keySet()).equals(tasks)) {
                throw new IllegalArgumentException("method '" + method + "' has the tasks " + byTask.keySet()
                        + ", the first method " + tasks);
            }
            byTask.forEach((task, statistics) -> dataset.add(finiteOrNull(statistics[0]), finiteOrNull(statistics[1]),
                    method, task));
        });
        CategoryAxis taskAxis = new CategoryAxis("task");
        if (tasks.size() > UPRIGHT_LABELS) {
            taskAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setDrawBarOutline(false);
        renderer.setShadowVisible(false);
        CategoryPlot plot = new CategoryPlot(dataset, taskAxis, new NumberAxis("Δ_k (%)"), renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        int width = Math.max(MIN_WIDTH, 120 + BAR_WIDTH * tasks.size() * (deltas.size() + 1));
        return new Figure(chart, width, HEIGHT);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
