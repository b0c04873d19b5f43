package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.report.Measure;
import org.rotograd4j.report.ResultsTable;

class NyuV2MetricsTest {

    @Test
    void segmentationMeanIouAndPixelAccuracy() {
        // Pixels:      0  1  2  3   4  5
        // truth:       0  0  1  1  -1  2
        // predicted:   0  1  1  1   2  0
        // IoU: class 0 = 1/3, class 1 = 2/3, class 2 = 0 (labeled, never hit); others absent: left out.
        // The unlabeled pixel counts nowhere, although class 2 is predicted there.
        try (NDManager manager = NDManager.newBaseManager()) {
            NyuV2Metrics metrics = new NyuV2Metrics();
            metrics.addSegmentation(logits(manager, new int[] {0, 1, 1, 1, 2, 0}),
                    manager.create(new long[] {0, 0, 1, 1, -1, 2}, new Shape(1, 1, 6)));
            Map<String, Double> values = metrics.values();
            assertEquals(1.0 / 3, values.get(NyuV2Metrics.MIOU), 1e-12);
            assertEquals(3.0 / 5, values.get(NyuV2Metrics.PIXEL_ACCURACY), 1e-12);
            assertFalse(values.containsKey(NyuV2Metrics.ABS_ERROR), "no depth was added");
        }
    }

    @Test
    void segmentationAccumulatesOverBatches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NyuV2Metrics metrics = new NyuV2Metrics();
            metrics.addSegmentation(logits(manager, new int[] {5, 5}), manager.create(new long[] {5, 4}, new Shape(1, 1, 2)));
            metrics.addSegmentation(logits(manager, new int[] {4, 4}), manager.create(new long[] {4, 4}, new Shape(1, 1, 2)));
            // class 5: tp 1, truth 1, predicted 2 -> 1/2; class 4: tp 2, truth 3, predicted 2 -> 2/3.
            assertEquals((0.5 + 2.0 / 3) / 2, metrics.values().get(NyuV2Metrics.MIOU), 1e-12);
            assertEquals(3.0 / 4, metrics.values().get(NyuV2Metrics.PIXEL_ACCURACY), 1e-12);
        }
    }

    @Test
    void depthErrorsOverKnownPixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NyuV2Metrics metrics = new NyuV2Metrics();
            metrics.addDepth(manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2)),
                    manager.create(new float[] {2, 0, 4, 2}, new Shape(1, 1, 2, 2)));
            // Known: 0, 2, 3. Absolute errors 1, 1, 2; relative 1/2, 1/4, 1.
            assertEquals(4.0 / 3, metrics.values().get(NyuV2Metrics.ABS_ERROR), 1e-6);
            assertEquals(1.75 / 3, metrics.values().get(NyuV2Metrics.REL_ERROR), 1e-6);
        }
    }

    @Test
    void normalAnglesOverKnownPixels() {
        // Five pixels; ground truth (0,0,1), (0,0,2) (not unit), (0,0,0) (unknown), (1,0,0), (0,1,0);
        // predictions at 0°, 45°, -, 90° and 20°: angles 0, 45, 90, 20.
        double c = Math.cos(Math.toRadians(20));
        double s = Math.sin(Math.toRadians(20));
        float[] truth = planes(new double[][] {{0, 0, 1}, {0, 0, 2}, {0, 0, 0}, {1, 0, 0}, {0, 1, 0}});
        float[] predicted = planes(new double[][] {{0, 0, 5}, {0, 1, 1}, {1, 1, 1}, {0, 1, 0}, {0, c, s}});
        try (NDManager manager = NDManager.newBaseManager()) {
            NyuV2Metrics metrics = new NyuV2Metrics();
            metrics.addNormals(manager.create(predicted, new Shape(1, 3, 1, 5)), manager.create(truth, new Shape(1, 3, 1, 5)));
            Map<String, Double> values = metrics.values();
            assertEquals((0 + 45 + 90 + 20) / 4.0, values.get(NyuV2Metrics.ANGLE_MEAN), 1e-4);
            assertEquals((20 + 45) / 2.0, values.get(NyuV2Metrics.ANGLE_MEDIAN), 1e-3, "NumPy's median of 4 values");
            assertEquals(25, values.get(NyuV2Metrics.WITHIN_11), 1e-9);
            assertEquals(50, values.get(NyuV2Metrics.WITHIN_22), 1e-9);
            assertEquals(50, values.get(NyuV2Metrics.WITHIN_30), 1e-9);
        }
    }

    @Test
    void normalAnglesOfABatchAndAnOddMedian() {
        // A batch of three pixels, ground truth (0,0,1), unknown and (1,0,0), predicted at 10° and 180°
        // (opposite); then a batch of one pixel at 30°.
        float[] truth = {0, 0, 1, 0, 0, 0, 1, 0, 0};
        try (NDManager manager = NDManager.newBaseManager()) {
            NyuV2Metrics metrics = new NyuV2Metrics();
            double t = Math.toRadians(10);
            NDArray prediction = manager.create(new float[] {(float) Math.sin(t), 0, -1, 0, 0, 0,
                    (float) Math.cos(t), 0, 0}, new Shape(1, 3, 1, 3));
            metrics.addNormals(prediction, manager.create(truth, new Shape(1, 3, 1, 3)));
            double u = Math.toRadians(30);
            metrics.addNormals(manager.create(new float[] {(float) Math.cos(u), (float) Math.sin(u), 0}, new Shape(1, 3, 1, 1)),
                    manager.create(new float[] {1, 0, 0}, new Shape(1, 3, 1, 1)));
            Map<String, Double> values = metrics.values();
            assertEquals((10 + 180 + 30) / 3.0, values.get(NyuV2Metrics.ANGLE_MEAN), 1e-4);
            assertEquals(30, values.get(NyuV2Metrics.ANGLE_MEDIAN), 1e-3);
            assertEquals(100.0 / 3, values.get(NyuV2Metrics.WITHIN_11), 1e-9);
            assertEquals(100.0 / 3, values.get(NyuV2Metrics.WITHIN_30), 1e-9, "30° is not within 30°");
        }
    }

    @Test
    void addRoutesOutputsByTask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NyuV2Metrics metrics = new NyuV2Metrics();
            metrics.add(List.of("depth"), new NDList(manager.create(new float[] {3}, new Shape(1, 1, 1, 1))),
                    new NDList(manager.create(new float[] {2}, new Shape(1, 1, 1, 1))));
            assertEquals(List.of(NyuV2Metrics.ABS_ERROR, NyuV2Metrics.REL_ERROR), List.copyOf(metrics.values().keySet()));
            assertEquals(0.5, metrics.values().get(NyuV2Metrics.REL_ERROR), 1e-9);
        }
    }

    @Test
    void eachMetricDeclaresTable3sDirection() {
        List<Measure> declared = NyuV2.TASKS.stream().flatMap(task -> NyuV2Metrics.BY_TASK.get(task).stream()).toList();
        assertEquals(NyuV2Metrics.ALL, declared.stream().map(Measure::name).toList());
        // Table 3: ↓ for the depth errors and the angles, ↑ for the rest.
        List<String> lower = List.of("depth_abs_error", "depth_rel_error", "normals_angle_mean", "normals_angle_median");
        for (Measure measure : declared) {
            assertEquals(lower.contains(measure.name()) ? Measure.Direction.LOWER_IS_BETTER
                    : Measure.Direction.HIGHER_IS_BETTER, measure.direction(), measure.name());
        }
    }

    @Test
    void deltasAverageEachTasksMetrics() throws IOException {
        Map<String, Double> baseline = table(0.4, 0.6, 1.0, 0.2, 20, 20, 30, 50, 70);
        Map<String, Double> model = table(0.44, 0.6, 0.9, 0.2, 22, 20, 30, 60, 70);
        ResultsTable runs = compare(model, baseline);
        assertEquals(5, runs.get("vanilla seed 1", "delta_segmentation"), 1e-9); // (+10 + 0) / 2
        assertEquals(5, runs.get("vanilla seed 1", "delta_depth"), 1e-9); // lower is better: (+10 + 0) / 2
        assertEquals(2, runs.get("vanilla seed 1", "delta_normals"), 1e-9); // (-10 + 0 + 0 + 20 + 0) / 5
        assertEquals(4, runs.get("vanilla seed 1", "avg_delta"), 1e-9);
    }

    @Test
    void deltasReproduceThePapersSurfaceNormalColumn() throws IOException {
        // Table 3: single-task, Vanilla and RotoGrad normals; the avg Δ_k column reads -27.26 and -8.99.
        Map<String, Double> single = table(0.38, 0.63, 0.59, 0.23, 24.76, 18.99, 30.11, 57.81, 69.90);
        Map<String, Double> vanilla = table(0.37, 0.64, 0.56, 0.22, 30.09, 26.09, 19.74, 43.62, 57.07);
        Map<String, Double> rotograd = table(0.40, 0.66, 0.54, 0.20, 26.35, 21.27, 26.25, 53.11, 65.99);
        assertEquals(-27.26, compare(vanilla, single).get("vanilla seed 1", "delta_normals"), 0.01);
        assertEquals(-8.99, compare(rotograd, single).get("vanilla seed 1", "delta_normals"), 0.01);
    }

    /** The runs table of a comparison, as NyuV2Sample sets it up, of one run measuring {@code model}. */
    private static ResultsTable compare(Map<String, Double> model, Map<String, Double> baseline) throws IOException {
        MethodComparison.Builder builder = MethodComparison.builder().setMethods(List.of("vanilla"))
                .optSingleTaskResults(baseline)
                .setRunner((method, seed, tasks, checkpoints) -> new MethodComparison.Run(model, List.of()));
        NyuV2.TASKS.forEach(task -> builder.addTask(task, NyuV2Metrics.BY_TASK.get(task).toArray(Measure[]::new)));
        return builder.build().run().runs();
    }

    private static Map<String, Double> table(double... values) {
        Map<String, Double> table = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            table.put(NyuV2Metrics.ALL.get(i), values[i]);
        }
        return table;
    }

    /** Logits [1, 13, 1, n] whose arg-max at pixel i is {@code classes[i]}. */
    private static NDArray logits(NDManager manager, int[] classes) {
        float[] values = new float[NyuV2.CLASSES * classes.length];
        for (int i = 0; i < classes.length; i++) {
            for (int k = 0; k < NyuV2.CLASSES; k++) {
                values[k * classes.length + i] = k == classes[i] ? 2 : -0.1f * k;
            }
        }
        return manager.create(values, new Shape(1, NyuV2.CLASSES, 1, classes.length));
    }

    /** Vectors per pixel to channel planes [3, n]. */
    private static float[] planes(double[][] vectors) {
        float[] planes = new float[3 * vectors.length];
        for (int p = 0; p < vectors.length; p++) {
            for (int c = 0; c < 3; c++) {
                planes[c * vectors.length + p] = (float) vectors[p][c];
            }
        }
        return planes;
    }
}
