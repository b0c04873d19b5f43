package org.rotograd4j.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one writer and reader of result files: a {@link ResultsTable} as CSV (through Apache Commons CSV, quoted
 * as RFC 4180 says) and as JSON (through Gson), and the rows of such a file, or of a baseline file a person
 * wrote, read back.
 *
 * <ul>
 *   <li>CSV: a header {@code run,<column>,...}, then one record per row; a missing value (NaN) is blank.
 *   <li>JSON: {@code {"title": ..., "rows": [{"run": ..., "<column>": value or null}, ...]}}, {@code null}
 *       for a missing or non-finite value.
 * </ul>
 */
public final class ResultFiles {

    /** The column, or JSON key, that names a row. */
    public static final String RUN = "run";

    private static final CSVFormat WRITTEN = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private ResultFiles() {}

    /**
     * One row of a result file.
     *
     * @param run the row's name, its {@value #RUN} value; {@code null} when the file names no rows (a CSV
     *     without a {@value #RUN} column, a flat JSON object)
     * @param values the row's numbers by column, in the file's order; NaN for a blank or {@code null} value
     */
    public record Row(@Nullable String run, Map<String, Double> values) {}

    /**
     * Writes a table as CSV.
     *
     * @param table the table
     * @param file the file to write, replaced when it exists; its parent folders are created
     * @throws IOException if the file cannot be written
     */
    public static void writeCsv(ResultsTable table, Path file) throws IOException {
        List<String> header = new ArrayList<>();
        header.add(RUN);
        header.addAll(table.columns());
        try (Writer writer = Files.newBufferedWriter(created(file));
                CSVPrinter csv = new CSVPrinter(writer, WRITTEN)) {
            csv.printRecord(header);
            for (String row : table.rowNames()) {
                List<String> record = new ArrayList<>();
                record.add(row);
                for (String column : table.columns()) {
                    double value = table.get(row, column);
                    record.add(Double.isNaN(value) ? "" : Double.toString(value));
                }
                csv.printRecord(record);
            }
        }
    }

    /**
     * Writes a table as JSON.
     *
     * @param table the table
     * @param file the file to write, replaced when it exists; its parent folders are created
     * @throws IOException if the file cannot be written
     */
    public static void writeJson(ResultsTable table, Path file) throws IOException {
        JsonArray rows = new JsonArray();
        for (String name : table.rowNames()) {
            JsonObject row = new JsonObject();
            row.addProperty(RUN, name);
            for (String column : table.columns()) {
                double value = table.get(name, column);
                row.add(column, Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE);
            }
            rows.add(row);
        }
        JsonObject root = new JsonObject();
        root.addProperty("title", table.title());
        root.add("rows", rows);
        try (Writer writer = Files.newBufferedWriter(created(file))) {
            new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root, writer);
        }
    }

    /**
     * Reads the rows of a result file: one this class wrote, or a baseline file a person wrote.
     *
     * <ul>
     *   <li>{@code .csv}: a header of column names, then rows of numbers (blank: NaN); a {@value #RUN} column,
     *       where there is one, names the rows.
     *   <li>{@code .json}: an object with a {@code rows} array of row objects, or one flat object of column to
     *       value (one unnamed row). Numbers and {@code null} (NaN) are a row's values, a {@value #RUN} string
     *       its name; other values, such as a {@code "source"} note, are skipped.
     * </ul>
     *
     * @param file a {@code .csv} or {@code .json} file
     * @return the rows, in the file's order
     * @throws IOException if the file cannot be read, has another extension, or is malformed (naming the
     *     file and, for a value that is not a number, its row and column)
     */
    public static List<Row> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return readCsv(file);
        }
        if (name.endsWith(".json")) {
            return readJson(file);
        }
        throw new IOException(file + ": a result file is .csv or .json");
    }

    private static List<Row> readCsv(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); CSVParser csv = CSVParser.parse(reader, READ)) {
            List<String> header = csv.getHeaderNames();
            for (CSVRecord record : csv) {
                String run = null;
                Map<String, Double> values = new LinkedHashMap<>();
                for (int c = 0; c < Math.min(header.size(), record.size()); c++) {
                    String column = header.get(c);
                    String cell = record.get(c);
                    if (column.equals(RUN)) {
                        run = cell;
                    } else {
                        values.put(column, number(cell, file, record.getRecordNumber(), column));
                    }
                }
                rows.add(new Row(run, Collections.unmodifiableMap(values)));
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new IOException(file + ": not a CSV table: " + e.getMessage(), e);
        }
        return rows;
    }

    private static double number(String cell, Path file, long row, String column) throws IOException {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException(file + " row " + row + ", column " + column + ": '" + cell + "' is not a number", e);
        }
    }

    private static List<Row> readJson(Path file) throws IOException {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IOException(file + ": expected a JSON object (a results table or one row of values)");
        }
        JsonObject object = root.getAsJsonObject();
        if (!object.has("rows")) {
            return List.of(row(object));
        }
        if (!object.get("rows").isJsonArray()) {
            throw new IOException(file + ": 'rows' is not an array of row objects");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonElement element : object.getAsJsonArray("rows")) {
            if (!element.isJsonObject()) {
                throw new IOException(file + ": row " + (rows.size() + 1) + " is not an object: " + element);
            }
            rows.add(row(element.getAsJsonObject()));
        }
        return rows;
    }

    private static Row row(JsonObject object) {
        String run = null;
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonElement value = entry.getValue();
            if (entry.getKey().equals(RUN) && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                run = value.getAsString();
            } else if (value.isJsonNull()) {
                values.put(entry.getKey(), Double.NaN);
            } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                values.put(entry.getKey(), value.getAsDouble());
            }
        }
        return new Row(run, Collections.unmodifiableMap(values));
    }

    /** Creates a file's parent folders, returning the file. */
    static Path created(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
