package org.rotograd4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of results, one row per run (method, seed, ...) and one column per measure, that prints itself
 * for the console; {@link ResultFiles} writes it as CSV and JSON, {@link HtmlReport} as an HTML table.
 */
public final class ResultsTable {

    private final String title;
    private final List<String> columns;
    private final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();

    /**
     * Creates an empty table.
     *
     * @param title the table's title
     * @param columns the measures, in display order
     */
    public ResultsTable(String title, List<String> columns) {
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /**
     * Adds a row; measures not given are shown as blank (NaN).
     *
     * @param name the row's name, unique in the table
     * @param values the row's measures by column
     * @return this table
     */
    public ResultsTable addRow(String name, Map<String, Double> values) {
        if (rows.containsKey(name)) {
            throw new IllegalArgumentException("the table already has a row '" + name + "'");
        }
        for (String key : values.keySet()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("row '" + name + "' has a value for '" + key
                        + "', which is not a column of " + columns);
            }
        }
        rows.put(name, new LinkedHashMap<>(values));
        return this;
    }

    /**
     * Returns a measure.
     *
     * @param row the row's name
     * @param column the measure's column
     * @return the value, or NaN when the row does not exist or has no value in that column
     */
    public double get(String row, String column) {
        Map<String, Double> values = rows.get(row);
        return values == null ? Double.NaN : values.getOrDefault(column, Double.NaN);
    }

    /**
     * Returns a measure as the tables show it.
     *
     * @param row the row's name
     * @param column the measure's column
     * @return the value with four decimals, or blank when it is missing (NaN)
     */
    public String cell(String row, String column) {
        double value = get(row, column);
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * Returns the title.
     *
     * @return the title given at creation
     */
    public String title() {
        return title;
    }

    /**
     * Returns the columns.
     *
     * @return the measures, in display order; unmodifiable
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the row names.
     *
     * @return a new list, in insertion order; empty for an empty table
     */
    public List<String> rowNames() {
        return new ArrayList<>(rows.keySet());
    }

    /**
     * Returns the table as aligned text for the console.
     *
     * @return the title, a header line and one line per row, each ending with a newline; values with four
     *     decimals, missing ones blank
     */
    public String render() {
        int nameWidth = Math.max(4, rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder text = new StringBuilder(title).append('\n');
        text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "run"));
        for (String column : columns) {
            text.append("  ").append(String.format(Locale.ROOT, "%" + width(column) + "s", column));
        }
        text.append('\n');
        for (String name : rows.keySet()) {
            text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", name));
            for (String column : columns) {
                text.append("  ").append(String.format(Locale.ROOT, "%" + width(column) + "s", cell(name, column)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static int width(String column) {
        return Math.max(10, column.length());
    }
}
