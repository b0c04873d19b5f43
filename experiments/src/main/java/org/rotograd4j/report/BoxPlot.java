package org.rotograd4j.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Box plots of one measure over runs, one box per setting (such as the paper's Figure 3: the sum task's test
 * MSE per rotation learning rate), and the same numbers as a table. Boxes span the quartiles of {@link
 * Statistics#quantile} around the median, whiskers reach the smallest and largest run; the
 * mean is in the table, not drawn.
 */
public final class BoxPlot {

    /** The table's columns. */
    public static final List<String> COLUMNS = List.of("runs", "median", "q1", "q3", "min", "max", "mean");

    /** The figure's height in pixels. */
    public static final int HEIGHT = 480;

    private static final int MIN_WIDTH = 640;
    private static final int BOX_WIDTH = 80;

    private BoxPlot() {}

    /**
     * Returns each setting's runs, median, quartiles, extremes and mean.
     *
     * @param title the table's title
     * @param valuesBySetting each setting's values, one per run, in display order
     * @return a row per setting with the columns {@link #COLUMNS}
     * @throws IllegalArgumentException if a setting has no finite value (naming it)
     */
    public static ResultsTable table(String title, Map<String, double[]> valuesBySetting) {
        ResultsTable table = new ResultsTable(title, COLUMNS);
        valuesBySetting.forEach((setting, values) -> {
            double[] finite = finite(setting, values);
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("runs", (double) finite.length);
            row.put("median", Statistics.median(finite));
            row.put("q1", Statistics.quantile(finite, 0.25));
            row.put("q3", Statistics.quantile(finite, 0.75));
            row.put("min", Statistics.min(finite));
            row.put("max", Statistics.max(finite));
            row.put("mean", Statistics.mean(finite));
            table.addRow(setting, row);
        });
        return table;
    }

    /**
     * Plots the boxes.
     *
     * @param title the chart's title
     * @param settingLabel the category axis' label, such as {@code rotation learning rate}
     * @param valueLabel the value axis' label, such as {@code sum task test MSE}
     * @param valuesBySetting each setting's values, one per run, in display order
     * @return the figure: a {@link CategoryPlot} of a {@link DefaultBoxAndWhiskerCategoryDataset}, one column per
     *     setting, whose items carry the numbers of {@link #table}
     * @throws IllegalArgumentException if a setting has no finite value (naming it)
     */
    public static Figure of(String title, String settingLabel, String valueLabel, Map<String, double[]> valuesBySetting) {
        ResultsTable numbers = table(title, valuesBySetting);
        DefaultBoxAndWhiskerCategoryDataset dataset = new DefaultBoxAndWhiskerCategoryDataset();
        for (String setting : numbers.rowNames()) {
            dataset.add(new BoxAndWhiskerItem(numbers.get(setting, "mean"), numbers.get(setting, "median"),
                    numbers.get(setting, "q1"), numbers.get(setting, "q3"), numbers.get(setting, "min"),
                    numbers.get(setting, "max"), numbers.get(setting, "min"), numbers.get(setting, "max"),
                    new ArrayList<>()), valueLabel, setting);
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setFillBox(true);
        renderer.setSeriesPaint(0, new Color(0x1F77B4));
        renderer.setMeanVisible(false);
        renderer.setMaximumBarWidth(0.06);
        renderer.setMaxOutlierVisible(false);
        renderer.setMinOutlierVisible(false);
        NumberAxis valueAxis = new NumberAxis(valueLabel);
        valueAxis.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(settingLabel), valueAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return new Figure(chart, Math.max(MIN_WIDTH, 120 + BOX_WIDTH * valuesBySetting.size()), HEIGHT);
    }

    private static double[] finite(String setting, double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            throw new IllegalArgumentException("setting '" + setting + "' has no finite value");
        }
        return finite;
    }
}
