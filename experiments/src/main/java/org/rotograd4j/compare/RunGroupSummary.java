package org.rotograd4j.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.report.Statistics;

/**
 * Summarizes a comparison's runs ({@link MethodComparison.Result#runs()}, rows named {@code <group> seed <seed>})
 * by chosen columns, median ± std over seeds per group: a paper's table layout, such as Table 2's digit tasks'
 * {@code avg_k Δ_k} next to the active-pixel MSE, where the comparison's own summary averages over every task.
 */
public final class RunGroupSummary {

    private RunGroupSummary() {}

    /**
     * One column of the summary: per run, the mean of some of the runs table's columns.
     *
     * @param name the summary's column; its spread is in {@code <name>_std}
     * @param runColumns the runs table's columns averaged per run, such as {@code delta_left, delta_right}; a
     *     run with any of them missing (NaN) has no value
     */
    public record Column(String name, List<String> runColumns) {
        /**
         * Validates and copies the columns.
         *
         * @param name the summary's column
         * @param runColumns the runs table's columns averaged per run
         * @throws IllegalArgumentException if there are no run columns
         */
        public Column {
            if (runColumns.isEmpty()) {
                throw new IllegalArgumentException("summary column '" + name + "' averages no run columns");
            }
            runColumns = List.copyOf(runColumns);
        }
    }

    /**
     * Returns the median and sample standard deviation over each group's runs of each column.
     *
     * @param title the table's title
     * @param runs the runs, one row per group and seed, named {@code <group> seed <seed>}
     * @param groups the groups, in display order: {@value MethodComparison#SINGLE_TASK_RUN} or a method id
     * @param columns the summary's columns
     * @return one row per group, with {@code <name>} (median) and {@code <name>_std} per column; blank where no run
     *     of the group has a value
     * @throws IllegalArgumentException if a group has no runs, or a column is not one of the runs table's (naming
     *     it)
     */
    public static ResultsTable medianAndStd(String title, ResultsTable runs, List<String> groups, List<Column> columns) {
        List<String> summaryColumns = new ArrayList<>();
        for (Column column : columns) {
            for (String runColumn : column.runColumns()) {
                if (!runs.columns().contains(runColumn)) {
                    throw new IllegalArgumentException("'" + runColumn + "' of summary column '" + column.name()
                            + "' is not a column of the runs: " + runs.columns());
                }
            }
            summaryColumns.add(column.name());
            summaryColumns.add(column.name() + "_std");
        }
        ResultsTable summary = new ResultsTable(title, summaryColumns);
        for (String group : groups) {
            List<String> members = runs.rowNames().stream().filter(run -> run.startsWith(group + " seed ")).toList();
            if (members.isEmpty()) {
                throw new IllegalArgumentException("no run of '" + group + "' (runs named '" + group
                        + " seed <seed>') among " + runs.rowNames());
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (Column column : columns) {
                double[] values = members.stream().mapToDouble(run -> runValue(runs, run, column)).toArray();
                row.put(column.name(), Statistics.median(values));
                row.put(column.name() + "_std", Statistics.sampleStd(values));
            }
            summary.addRow(group, row);
        }
        return summary;
    }

    private static double runValue(ResultsTable runs, String run, Column column) {
        double[] values = column.runColumns().stream().mapToDouble(name -> runs.get(run, name)).toArray();
        return Arrays.stream(values).allMatch(Double::isFinite) ? Statistics.mean(values) : Double.NaN;
    }
}
