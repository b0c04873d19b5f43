package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @TempDir
    Path folder;

    /** Names with commas, quotes, a line break and non-ASCII text; a NaN, an infinity, tiny and large values. */
    private static ResultsTable awkward() {
        List<String> columns = List.of("accuracy, left", "the \"sum\" error", "Δ_k (%)");
        Map<String, Double> first = new LinkedHashMap<>();
        first.put(columns.get(0), 0.91);
        first.put(columns.get(1), Double.NaN);
        first.put(columns.get(2), -1.25e-12);
        Map<String, Double> second = new LinkedHashMap<>();
        second.put(columns.get(0), Double.POSITIVE_INFINITY);
        second.put(columns.get(2), 3.5e20);
        return new ResultsTable("a \"table\", titled", columns)
                .addRow("cagrad:0.5, seed 1", first)
                .addRow("say \"hi\"\nthen go", second);
    }

    @Test
    void csvRoundTripsQuotedNamesAndMissingValues() throws IOException {
        ResultsTable table = awkward();
        Path csv = folder.resolve("sub/table.csv");
        ResultFiles.writeCsv(table, csv);
        List<ResultFiles.Row> rows = ResultFiles.read(csv);
        assertEquals(table.rowNames(), rows.stream().map(ResultFiles.Row::run).toList());
        for (ResultFiles.Row row : rows) {
            assertEquals(table.columns(), List.copyOf(row.values().keySet()));
            for (String column : table.columns()) {
                assertEquals(table.get(row.run(), column), row.values().get(column), row.run() + " " + column);
            }
        }
        assertTrue(Files.readString(csv).startsWith("run,\"accuracy, left\",\"the \"\"sum\"\" error\",Δ_k (%)\n"),
                Files.readString(csv));
    }

    @Test
    void jsonRoundTripsNamesAndWritesNullForNonFiniteValues() throws IOException {
        ResultsTable table = awkward();
        Path json = folder.resolve("table.json");
        ResultFiles.writeJson(table, json);
        List<ResultFiles.Row> rows = ResultFiles.read(json);
        assertEquals(table.rowNames(), rows.stream().map(ResultFiles.Row::run).toList());
        assertEquals(0.91, rows.get(0).values().get("accuracy, left"));
        assertTrue(rows.get(0).values().get("the \"sum\" error").isNaN());
        assertEquals(-1.25e-12, rows.get(0).values().get("Δ_k (%)"));
        assertTrue(rows.get(1).values().get("accuracy, left").isNaN(), "JSON has no infinity: null, read as NaN");
        assertEquals(3.5e20, rows.get(1).values().get("Δ_k (%)"));
        assertTrue(Files.readString(json).contains("\"title\": \"a \\\"table\\\", titled\""), Files.readString(json));
    }

    @Test
    void readsFilesWrittenByHand() throws IOException {
        Path plain = folder.resolve("plain.csv");
        Files.writeString(plain, "b_f1, \"a_f1\"\n7, 8\n\n9,\n");
        List<ResultFiles.Row> rows = ResultFiles.read(plain);
        assertEquals(2, rows.size());
        assertNull(rows.get(0).run(), "no run column");
        assertEquals(Map.of("b_f1", 7.0, "a_f1", 8.0), rows.get(0).values());
        assertTrue(rows.get(1).values().get("a_f1").isNaN());
        Path flat = folder.resolve("flat.json");
        Files.writeString(flat, "{\"source\": \"Table 3\", \"segmentation_miou\": 0.38, \"hours\": 11.37}");
        assertEquals(List.of(new ResultFiles.Row(null, Map.of("segmentation_miou", 0.38, "hours", 11.37))),
                ResultFiles.read(flat));
    }

    @Test
    void malformedFilesNameTheFileAndThePlace() throws IOException {
        Map<String, String> files = Map.of(
                "words.csv", "run,miou\nRotoGrad,0.4\nVanilla,high\n",
                "broken.json", "{\"miou\": ",
                "list.json", "[1, 2]",
                "rows.json", "{\"rows\": [{\"run\": \"a\"}, 3]}",
                "table.txt", "miou\n1\n");
        Map<String, String> messages = Map.of(
                "words.csv", "words.csv row 2, column miou: 'high' is not a number",
                "broken.json", "broken.json: not valid JSON",
                "list.json", "list.json: expected a JSON object",
                "rows.json", "rows.json: row 2 is not an object: 3",
                "table.txt", "table.txt: a result file is .csv or .json");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.writeString(path, file.getValue());
            IOException error = assertThrows(IOException.class, () -> ResultFiles.read(path), file.getKey());
            assertTrue(error.getMessage().contains(messages.get(file.getKey())), error.getMessage());
        }
    }
}
