package org.rotograd4j.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One case of a reference file (see shared/golden/README.md), with helpers to read its nested lists. */
record GoldenCase(String file, String name, JsonObject json) {

    /** Reads every case of every {@code *.json} file in a folder. */
    static List<GoldenCase> readFolder(Path folder) throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
                for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject("cases").entrySet()) {
                    cases.add(new GoldenCase(file.getFileName().toString(), entry.getKey(),
                            entry.getValue().getAsJsonObject()));
                }
            }
        }
        return cases;
    }

    String method() {
        return json.get("method").getAsString();
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    int integer(String key) {
        return json.get(key).getAsInt();
    }

    double number(String key) {
        return json.get(key).getAsDouble();
    }

    boolean flag(String key) {
        return has(key) && json.get(key).getAsBoolean();
    }

    JsonObject initial() {
        return json.getAsJsonObject("initial");
    }

    JsonArray steps() {
        return json.getAsJsonArray("steps");
    }

    /** Parameter shapes by name, in name order. */
    Map<String, long[]> parameterShapes() {
        Map<String, long[]> shapes = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : initial().getAsJsonObject("param_shapes").entrySet()) {
            shapes.put(e.getKey(), GoldenCase.flatLongs(e.getValue()));
        }
        return shapes;
    }

    private static long[] flatLongs(JsonElement list) {
        return java.util.Arrays.stream(flat(list)).mapToLong(d -> (long) d).toArray();
    }

    /** Flattens a nested list of numbers, row-major. */
    static double[] flat(JsonElement element) {
        List<Double> values = new ArrayList<>();
        flatten(element, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The shape of a nested list of numbers, such as {@code [[1, 2], [3, 4]]} → {@code [2, 2]}. */
    static long[] nestedShape(JsonElement element) {
        List<Long> dims = new ArrayList<>();
        JsonElement current = element;
        while (current.isJsonArray()) {
            dims.add((long) current.getAsJsonArray().size());
            current = current.getAsJsonArray().get(0);
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static void flatten(JsonElement element, List<Double> into) {
        if (element.isJsonArray()) {
            for (JsonElement e : element.getAsJsonArray()) {
                flatten(e, into);
            }
        } else {
            into.add(element.getAsDouble());
        }
    }

    @Override
    public String toString() {
        return file + "#" + name;
    }
}
