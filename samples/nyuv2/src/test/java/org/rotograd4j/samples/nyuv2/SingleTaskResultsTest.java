package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.report.ResultsTable;

class SingleTaskResultsTest {

    @TempDir
    Path folder;

    @Test
    void readsAFlatJsonObject() throws IOException {
        Path file = folder.resolve("paper.json");
        Files.writeString(file, "{\"segmentation_miou\": 0.38, \"depth_abs_error\": 0.59, \"normals_within_30\": 69.9, "
                + "\"note\": \"Table 3\"}");
        assertEquals(Map.of(NyuV2Metrics.MIOU, 0.38, NyuV2Metrics.ABS_ERROR, 0.59, NyuV2Metrics.WITHIN_30, 69.9),
                SingleTaskResults.read(file));
    }

    @Test
    void readsTheSamplesOwnJsonAndCsv() throws IOException {
        List<String> columns = new ArrayList<>(NyuV2Metrics.ALL);
        columns.addAll(List.of("delta_segmentation", "avg_delta", "ms_per_step"));
        ResultsTable table = new ResultsTable("t", columns);
        table.addRow("rotograd seed 1", Map.of(NyuV2Metrics.MIOU, 0.5));
        Map<String, Double> single = new LinkedHashMap<>();
        single.put(NyuV2Metrics.MIOU, 0.25);
        single.put(NyuV2Metrics.ANGLE_MEDIAN, 19.5);
        single.put("ms_per_step", 3.0);
        table.addRow("single-task seed 1", single);
        Path json = folder.resolve("nyuv2-runs.json");
        Path csv = folder.resolve("nyuv2-runs.csv");
        ResultFiles.writeJson(table, json);
        ResultFiles.writeCsv(table, csv);
        Map<String, Double> expected = Map.of(NyuV2Metrics.MIOU, 0.25, NyuV2Metrics.ANGLE_MEDIAN, 19.5);
        assertEquals(expected, SingleTaskResults.read(json));
        assertEquals(expected, SingleTaskResults.read(csv));
    }

    @Test
    void readsThePapersBaselines() throws IOException {
        Map<String, Double> paper = SingleTaskResults.read(Path.of("paper-single-task.json"));
        assertEquals(NyuV2Metrics.ALL, List.copyOf(paper.keySet()));
        assertEquals(0.38, paper.get(NyuV2Metrics.MIOU));
        assertEquals(69.90, paper.get(NyuV2Metrics.WITHIN_30));
    }

    @Test
    void readsACsvWithoutRunColumn() throws IOException {
        Path file = folder.resolve("single.csv");
        Files.writeString(file, "depth_rel_error,\"normals_angle_mean_error\"\n0.23,24.76\n0.5,30\n");
        assertEquals(Map.of(NyuV2Metrics.REL_ERROR, 0.23, NyuV2Metrics.ANGLE_MEAN, 24.76), SingleTaskResults.read(file));
    }

    @Test
    void readsTheAngleMetricsFormerNames() throws IOException {
        Path file = folder.resolve("old.json");
        Files.writeString(file, "{\"normals_angle_mean_error\": 24.76, \"normals_angle_median_error\": 18.99}");
        assertEquals(Map.of(NyuV2Metrics.ANGLE_MEAN, 24.76, NyuV2Metrics.ANGLE_MEDIAN, 18.99),
                SingleTaskResults.read(file));
    }

    @Test
    void rejectsFilesWithoutMetrics() throws IOException {
        Path json = folder.resolve("other.json");
        Files.writeString(json, "{\"accuracy\": 0.9, \"hours\": 2}");
        NyuV2Test.assertContains(assertThrows(IOException.class, () -> SingleTaskResults.read(json)),
                json.toString(), "no single-task metric");
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{\"segmentation_miou\": ");
        NyuV2Test.assertContains(assertThrows(IOException.class, () -> SingleTaskResults.read(broken)),
                broken.toString(), "not valid JSON");
        Path csv = folder.resolve("rows.csv");
        Files.writeString(csv, "run,segmentation_miou\nRotoGrad seed 1,0.4\n");
        NyuV2Test.assertContains(assertThrows(IOException.class, () -> SingleTaskResults.read(csv)),
                "no row whose run starts with 'single-task'");
        Path text = folder.resolve("words.csv");
        Files.writeString(text, "segmentation_miou\nhigh\n");
        NyuV2Test.assertContains(assertThrows(IOException.class, () -> SingleTaskResults.read(text)), "'high'");
    }
}
