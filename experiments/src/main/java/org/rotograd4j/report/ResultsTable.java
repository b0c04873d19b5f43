package org.rotograd4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of results, one row per run (method, seed, ...) and one column per measure, that prints itself
 * for the console and writes itself as CSV and JSON.
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
        rows.forEach((name, values) -> {
            text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", name));
            for (String column : columns) {
                double value = values.getOrDefault(column, Double.NaN);
                String shown = Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
                text.append("  ").append(String.format(Locale.ROOT, "%" + width(column) + "s", shown));
            }
            text.append('\n');
        });
        return text.toString();
    }

    /**
     * Writes the table as CSV: a header line, then one line per row; blank for missing values.
     *
     * @param file the file to write, replaced when it exists; its parent folders are created
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("run");
        columns.forEach(c -> csv.append(',').append(quote(c)));
        csv.append('\n');
        rows.forEach((name, values) -> {
            csv.append(quote(name));
            for (String column : columns) {
                double value = values.getOrDefault(column, Double.NaN);
                csv.append(',').append(Double.isNaN(value) ? "" : Double.toString(value));
            }
            csv.append('\n');
        });
        write(file, csv.toString());
    }

    /**
     * Writes the table as JSON: {@code {"title": ..., "rows": [{"run": ..., "<column>": value|null}]}}, with
     * {@code null} for missing and non-finite values.
     *
     * @param file the file to write, replaced when it exists; its parent folders are created
     * @throws IOException if the file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"title\": ").append(jsonString(title)).append(",\n  \"rows\": [");
        int i = 0;
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            json.append(i++ == 0 ? "\n" : ",\n").append("    {\"run\": ").append(jsonString(row.getKey()));
            for (String column : columns) {
                double value = row.getValue().getOrDefault(column, Double.NaN);
                json.append(", ").append(jsonString(column)).append(": ")
                        .append(Double.isFinite(value) ? Double.toString(value) : "null");
            }
            json.append('}');
        }
        json.append("\n  ]\n}\n");
        write(file, json.toString());
    }

    private static int width(String column) {
        return Math.max(10, column.length());
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }
}
