package org.rotograd4j.samples.subspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.report.ResultsTable;

/**
 * Assembles the paper's Table 1 from one {@link MethodComparison} per rotation size m: a method that rotates
 * gets one row per m, named {@code <method id> m=<m>} (such as {@code rotograd m=64}); a method that does not
 * is the same at every m, so it is run at one m only and keeps its id. The runs, Δ_k statistics (Figure 4) and
 * curves are merged under the same names, so that {@link MethodComparison.Result#write} reports them together.
 */
public final class SubspaceTable {

    /** The column of the rotated features m; blank for methods that do not rotate. */
    public static final String ROTATED_FEATURES = "m";
    /** Table 1's statistics, each followed in the summary by its {@code _std} column. */
    public static final List<String> STATISTICS = List.of("avg_delta", "med_delta", "max_delta");

    private SubspaceTable() {}

    /**
     * Merges the comparisons.
     *
     * @param byRotationSize each m's comparison, in the order the table lists them; single-task rows are kept
     *     from the first comparison that has them (all comparisons share the baselines)
     * @param rotates whether a method id rotates (its rows are named with m)
     * @return one result whose summary is Table 1: the column {@value #ROTATED_FEATURES}, then the
     *     comparisons' summary columns
     * @throws IllegalArgumentException when two comparisons give a row of one name, such as a method that does
     *     not rotate run at two m
     */
    public static MethodComparison.Result assemble(Map<Integer, MethodComparison.Result> byRotationSize,
            Predicate<String> rotates) {
        MethodComparison.Result first = byRotationSize.values().iterator().next();
        List<String> summaryColumns = new ArrayList<>(List.of(ROTATED_FEATURES));
        summaryColumns.addAll(first.summary().columns());
        ResultsTable summary = new ResultsTable("Table 1: median ± std over seeds of avg/med/max Δ_k (%) by method "
                + "and rotated features m", summaryColumns);
        ResultsTable runs = new ResultsTable(first.runs().title(), first.runs().columns());
        Map<String, Map<String, double[]>> deltas = new LinkedHashMap<>();
        Map<String, List<EpochSummary>> curves = new LinkedHashMap<>();
        byRotationSize.forEach((m, result) -> {
            for (String method : result.summary().rowNames()) {
                Map<String, Double> row = new LinkedHashMap<>();
                row.put(ROTATED_FEATURES, rotates.test(method) ? m : Double.NaN);
                row.putAll(values(result.summary(), method));
                summary.addRow(label(method, m, rotates), row);
            }
            for (String run : result.runs().rowNames()) {
                if (run.startsWith(MethodComparison.SINGLE_TASK_RUN)) {
                    if (!runs.rowNames().contains(run)) {
                        runs.addRow(run, values(result.runs(), run));
                    }
                } else {
                    runs.addRow(renamed(run, m, rotates), values(result.runs(), run));
                }
            }
            result.deltas().forEach((method, byTask) -> deltas.put(label(method, m, rotates), byTask));
            result.curves().forEach((run, epochs) -> curves.putIfAbsent(
                    run.startsWith("single ") ? run : renamed(run, m, rotates), epochs));
        });
        return new MethodComparison.Result(runs, summary, deltas, curves);
    }

    /**
     * Renders Table 1 as the paper prints it: a method's avg/med/max Δ_k as {@code median ± std}.
     *
     * @param table1 the summary of {@link #assemble}
     * @return one line per row, under a header
     */
    public static String render(ResultsTable table1) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %20s %20s %20s%n", "Method",
                "avg_k Δ_k", "med_k Δ_k", "max_k Δ_k"));
        for (String row : table1.rowNames()) {
            text.append(String.format(Locale.ROOT, "%-16s", row));
            for (String statistic : STATISTICS) {
                text.append(String.format(Locale.ROOT, " %20s", String.format(Locale.ROOT, "%.2f ± %.2f",
                        table1.get(row, statistic), table1.get(row, statistic + "_std"))));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String label(String method, int m, Predicate<String> rotates) {
        return rotates.test(method) ? method + " m=" + m : method;
    }

    /** Renames {@code <method id> seed <seed>} to {@code <label> seed <seed>}. */
    private static String renamed(String run, int m, Predicate<String> rotates) {
        int seedAt = run.lastIndexOf(" seed ");
        return label(run.substring(0, seedAt), m, rotates) + run.substring(seedAt);
    }

    private static Map<String, Double> values(ResultsTable table, String row) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String column : table.columns()) {
            values.put(column, table.get(row, column));
        }
        return values;
    }
}
