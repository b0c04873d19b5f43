package org.rotograd4j.samples.nyuv2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rotograd4j.compare.MethodComparison;

/**
 * Reads single-task baselines S_k for the relative improvement Δ_k: the Table 3 metrics ({@link
 * NyuV2Metrics#ALL} names) from a JSON or CSV file, as {@link MethodComparison#readSingleTaskResults} reads it:
 * a flat JSON object of metric to number, such as the module's {@code paper-single-task.json}, a CSV of a
 * header and a row, or this sample's {@code nyuv2-runs.json}/{@code .csv} from a run with {@code --single-task
 * measure}, whose first {@code single-task} row is used.
 *
 * <p>Other keys and columns are ignored; files written before the angle metrics got their natural names, whose
 * angles are {@code normals_angle_mean_error} and {@code normals_angle_median_error}, are still read. At least
 * one Table 3 metric must be present.
 */
public final class SingleTaskResults {

    /** Former names of metrics, as files written while the angle metrics' names ended in {@code _error} hold them. */
    private static final Map<String, String> FORMER_NAMES = Map.of(
            "normals_angle_mean_error", NyuV2Metrics.ANGLE_MEAN, "normals_angle_median_error", NyuV2Metrics.ANGLE_MEDIAN);

    private SingleTaskResults() {}

    /**
     * Reads the baselines.
     *
     * @param file a {@code .json} or {@code .csv} file
     * @return the metrics found, by name
     * @throws IOException if the file cannot be read, is malformed or holds no Table 3 metric
     */
    public static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        MethodComparison.readSingleTaskResults(file).forEach((key, value) -> {
            String name = FORMER_NAMES.getOrDefault(key, key);
            if (NyuV2Metrics.ALL.contains(name)) {
                values.putIfAbsent(name, value);
            }
        });
        if (values.isEmpty()) {
            throw new IOException(file + ": no single-task metric; expected some of " + NyuV2Metrics.ALL);
        }
        return values;
    }
}
