package org.rotograd4j.samples.nyuv2;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads single-task baselines S_k for the relative improvement Δ_k: the Table 3 metrics ({@link
 * NyuV2Metrics#ALL} names) from a JSON or CSV file, such as the module's {@code paper-single-task.json}.
 *
 * <ul>
 *   <li>JSON: an object of metric to number, such as {@code {"segmentation_miou": 0.38, ...}}, or this
 *       sample's {@code nyuv2-runs.json} (from a run with {@code --single-task measure}), whose first row
 *       named {@code single-task ...} is used;
 *   <li>CSV: a header line of column names and rows of numbers, such as this sample's {@code nyuv2-runs.csv}:
 *       the first row whose {@code run} column starts with {@code single-task} is used, or the first row
 *       when there is no {@code run} column.
 * </ul>
 *
 * Other keys and columns are ignored; the angle metrics' former names {@code normals_angle_mean} and {@code
 * normals_angle_median} are read as {@link NyuV2Metrics#ANGLE_MEAN} and {@link NyuV2Metrics#ANGLE_MEDIAN}.
 * At least one Table 3 metric must be present.
 */
public final class SingleTaskResults {

    private static final String SINGLE = "single-task";
    /** Former names of metrics, as files written before the angle metrics were renamed hold them. */
    private static final Map<String, String> FORMER_NAMES = Map.of(
            "normals_angle_mean", NyuV2Metrics.ANGLE_MEAN, "normals_angle_median", NyuV2Metrics.ANGLE_MEDIAN);

    private SingleTaskResults() {}

    /**
     * Reads the baselines.
     *
     * @param file a {@code .json} or {@code .csv} file
     * @return the metrics found, by name
     * @throws IOException if the file cannot be read or holds no Table 3 metric
     */
    public static Map<String, Double> read(Path file) throws IOException {
        String text = Files.readString(file);
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                || text.stripLeading().startsWith("{");
        Map<String, Double> read = json ? readJson(text, file) : readCsv(text, file);
        Map<String, Double> values = new LinkedHashMap<>();
        read.forEach((key, value) -> {
            String name = FORMER_NAMES.getOrDefault(key, key);
            if (NyuV2Metrics.ALL.contains(name)) {
                values.putIfAbsent(name, value);
            }
        });
        if (values.keySet().stream().noneMatch(NyuV2Metrics.ALL::contains)) {
            throw new IOException(file + ": no single-task metric; expected some of " + NyuV2Metrics.ALL);
        }
        return values;
    }

    private static Map<String, Double> readJson(String text, Path file) throws IOException {
        JsonObject object;
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new IOException(file + ": expected a JSON object of metric to value");
            }
            object = root.getAsJsonObject();
            if (object.has("rows")) {
                object = singleTaskRow(object, file);
            }
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonElement value = entry.getValue();
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                values.put(entry.getKey(), value.getAsDouble());
            }
        }
        return values;
    }

    private static JsonObject singleTaskRow(JsonObject table, Path file) throws IOException {
        for (JsonElement row : table.getAsJsonArray("rows")) {
            JsonObject object = row.getAsJsonObject();
            if (object.has("run") && object.get("run").getAsString().startsWith(SINGLE)) {
                return object;
            }
        }
        throw new IOException(file + ": no row whose run starts with '" + SINGLE + "'");
    }

    private static Map<String, Double> readCsv(String text, Path file) throws IOException {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2) {
            throw new IOException(file + ": expected a header line and at least one row of values");
        }
        List<String> header = fields(lines.get(0));
        int runColumn = header.indexOf("run");
        List<String> row = null;
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = fields(line);
            if (runColumn < 0 || (runColumn < fields.size() && fields.get(runColumn).startsWith(SINGLE))) {
                row = fields;
                break;
            }
        }
        if (row == null) {
            throw new IOException(file + ": no row whose run starts with '" + SINGLE + "'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(header.size(), row.size()); i++) {
            if (i == runColumn || row.get(i).isBlank()) {
                continue;
            }
            try {
                values.put(header.get(i), Double.parseDouble(row.get(i)));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": column " + header.get(i) + " holds '" + row.get(i)
                        + "', not a number", e);
            }
        }
        return values;
    }

    /** Splits a CSV line, with double-quoted fields. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
