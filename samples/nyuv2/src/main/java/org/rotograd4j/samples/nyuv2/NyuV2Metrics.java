package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.report.Measure;

/**
 * The metrics of the paper's Table 3, accumulated over the batches of an evaluation split:
 *
 * <ul>
 *   <li>segmentation: mean IoU over the 13 classes (pixels labeled -1 ignored; a class absent from both
 *       prediction and ground truth is left out of the mean) and pixel accuracy over labeled pixels;
 *   <li>depth: mean absolute and mean relative error ({@code |p − d| / d}) over pixels of known depth
 *       ({@code d ≠ 0});
 *   <li>normals: the angle in degrees between the L2-normalized prediction and ground truth over pixels whose
 *       ground-truth normal is not zero: mean, median (to 0.001°, from a histogram) and percentage of pixels
 *       within 11.25°, 22.5° and 30°.
 * </ul>
 *
 * <p>Unlike MTAN's scripts, which average per-batch values, every metric is computed over all pixels of the
 * split at once.
 */
public final class NyuV2Metrics {

    /** Segmentation mean IoU, in [0, 1]. */
    public static final String MIOU = "segmentation_miou";
    /** Segmentation pixel accuracy, in [0, 1]. */
    public static final String PIXEL_ACCURACY = "segmentation_pixel_accuracy";
    /** Depth mean absolute error. */
    public static final String ABS_ERROR = "depth_abs_error";
    /** Depth mean relative error. */
    public static final String REL_ERROR = "depth_rel_error";
    /** Mean angle between predicted and true normals, in degrees. */
    public static final String ANGLE_MEAN = "normals_angle_mean";
    /** Median angle between predicted and true normals, in degrees. */
    public static final String ANGLE_MEDIAN = "normals_angle_median";
    /** Percentage of pixels whose normal is within 11.25°. */
    public static final String WITHIN_11 = "normals_within_11.25";
    /** Percentage of pixels whose normal is within 22.5°. */
    public static final String WITHIN_22 = "normals_within_22.5";
    /** Percentage of pixels whose normal is within 30°. */
    public static final String WITHIN_30 = "normals_within_30";

    /** Each task's metrics, in Table 3's order, with Table 3's directions (↑ higher, ↓ lower is better). */
    public static final Map<String, List<Measure>> BY_TASK = Map.of(
            "segmentation", List.of(Measure.higherIsBetter(MIOU), Measure.higherIsBetter(PIXEL_ACCURACY)),
            "depth", List.of(Measure.lowerIsBetter(ABS_ERROR), Measure.lowerIsBetter(REL_ERROR)),
            "normals", List.of(Measure.lowerIsBetter(ANGLE_MEAN), Measure.lowerIsBetter(ANGLE_MEDIAN),
                    Measure.higherIsBetter(WITHIN_11), Measure.higherIsBetter(WITHIN_22),
                    Measure.higherIsBetter(WITHIN_30)));

    /** Every metric, in Table 3's order. */
    public static final List<String> ALL = List.of(MIOU, PIXEL_ACCURACY, ABS_ERROR, REL_ERROR, ANGLE_MEAN,
            ANGLE_MEDIAN, WITHIN_11, WITHIN_22, WITHIN_30);

    private static final double[] THRESHOLDS = {11.25, 22.5, 30};
    private static final double BIN = 1e-3;

    private final long[][] confusion = new long[NyuV2.CLASSES][NyuV2.CLASSES];
    private double depthAbsolute;
    private double depthRelative;
    private long depthPixels;
    private final long[] angleHistogram = new long[(int) Math.round(180 / BIN) + 1];
    private final long[] withinThreshold = new long[THRESHOLDS.length];
    private double angleSum;
    private long normalPixels;

    /**
     * Adds a batch of predictions of some tasks.
     *
     * @param tasks the tasks of the predictions, in order
     * @param predictions one array per task: logits {@code [B, 13, H, W]}, depth {@code [B, 1, H, W]},
     *     normals {@code [B, 3, H, W]}
     * @param labels one array per task, in the same order, as {@link NyuV2} gives them
     */
    public void add(List<String> tasks, NDList predictions, NDList labels) {
        for (int k = 0; k < tasks.size(); k++) {
            switch (tasks.get(k)) {
                case "segmentation" -> addSegmentation(predictions.get(k), labels.get(k));
                case "depth" -> addDepth(predictions.get(k), labels.get(k));
                case "normals" -> addNormals(predictions.get(k), labels.get(k));
                default -> throw new IllegalArgumentException("unknown task " + tasks.get(k));
            }
        }
    }

    /** Adds segmentation logits {@code [B, 13, H, W]} against labels {@code [B, H, W]}. */
    public void addSegmentation(NDArray logits, NDArray labels) {
        try (NDArray argMax = logits.argMax(1)) {
            long[] predicted = argMax.toType(DataType.INT64, false).toLongArray();
            long[] truth = labels.toType(DataType.INT64, false).toLongArray();
            if (predicted.length != truth.length) {
                throw new IllegalArgumentException("logits " + logits.getShape() + " do not match labels "
                        + labels.getShape());
            }
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] >= 0 && truth[i] < NyuV2.CLASSES) {
                    confusion[(int) truth[i]][(int) predicted[i]]++;
                }
            }
        }
    }

    /** Adds depth predictions against ground truth, both {@code [B, 1, H, W]}. */
    public void addDepth(NDArray prediction, NDArray depth) {
        float[] predicted = prediction.toType(DataType.FLOAT32, false).toFloatArray();
        float[] truth = depth.toType(DataType.FLOAT32, false).toFloatArray();
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("depth " + prediction.getShape() + " does not match " + depth.getShape());
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != 0) {
                double error = Math.abs((double) predicted[i] - truth[i]);
                depthAbsolute += error;
                depthRelative += error / truth[i];
                depthPixels++;
            }
        }
    }

    /** Adds normal predictions against ground truth, both {@code [B, 3, H, W]}. */
    public void addNormals(NDArray prediction, NDArray normal) {
        float[] predicted = prediction.toType(DataType.FLOAT32, false).toFloatArray();
        float[] truth = normal.toType(DataType.FLOAT32, false).toFloatArray();
        if (predicted.length != truth.length || prediction.getShape().get(1) != 3) {
            throw new IllegalArgumentException("normals " + prediction.getShape() + " do not match "
                    + normal.getShape() + " or have no 3 channels");
        }
        long batch = prediction.getShape().get(0);
        int pixels = (int) (truth.length / batch / 3);
        for (int b = 0; b < batch; b++) {
            int base = b * 3 * pixels;
            for (int p = 0; p < pixels; p++) {
                double gx = truth[base + p];
                double gy = truth[base + pixels + p];
                double gz = truth[base + 2 * pixels + p];
                double truthLength = Math.sqrt(gx * gx + gy * gy + gz * gz);
                if (truthLength == 0) {
                    continue;
                }
                double px = predicted[base + p];
                double py = predicted[base + pixels + p];
                double pz = predicted[base + 2 * pixels + p];
                double predictedLength = Math.sqrt(px * px + py * py + pz * pz);
                double cosine = predictedLength == 0 ? 0
                        : (px * gx + py * gy + pz * gz) / (predictedLength * truthLength);
                addAngle(Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosine)))));
            }
        }
    }

    private void addAngle(double degrees) {
        angleSum += degrees;
        normalPixels++;
        angleHistogram[(int) Math.min(angleHistogram.length - 1, Math.floor(degrees / BIN))]++;
        for (int t = 0; t < THRESHOLDS.length; t++) {
            if (degrees < THRESHOLDS[t]) {
                withinThreshold[t]++;
            }
        }
    }

    /**
     * Returns the metrics of the tasks that received data, keyed as {@link #ALL}; NaN where a metric has no
     * pixel to measure.
     */
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        long labeled = 0;
        long correct = 0;
        for (int c = 0; c < NyuV2.CLASSES; c++) {
            correct += confusion[c][c];
            for (int p = 0; p < NyuV2.CLASSES; p++) {
                labeled += confusion[c][p];
            }
        }
        if (labeled > 0) {
            values.put(MIOU, meanIou());
            values.put(PIXEL_ACCURACY, (double) correct / labeled);
        }
        if (depthPixels > 0) {
            values.put(ABS_ERROR, depthAbsolute / depthPixels);
            values.put(REL_ERROR, depthRelative / depthPixels);
        }
        if (normalPixels > 0) {
            values.put(ANGLE_MEAN, angleSum / normalPixels);
            values.put(ANGLE_MEDIAN, medianAngle());
            values.put(WITHIN_11, 100.0 * withinThreshold[0] / normalPixels);
            values.put(WITHIN_22, 100.0 * withinThreshold[1] / normalPixels);
            values.put(WITHIN_30, 100.0 * withinThreshold[2] / normalPixels);
        }
        return values;
    }

    private double meanIou() {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < NyuV2.CLASSES; c++) {
            long truth = 0;
            long predicted = 0;
            for (int other = 0; other < NyuV2.CLASSES; other++) {
                truth += confusion[c][other];
                predicted += confusion[other][c];
            }
            long union = truth + predicted - confusion[c][c];
            if (union > 0) {
                sum += (double) confusion[c][c] / union;
                classes++;
            }
        }
        return sum / classes;
    }

    /** The median as NumPy defines it (the mean of the two middle values for an even count), per bin. */
    private double medianAngle() {
        return (angleAtRank((normalPixels - 1) / 2) + angleAtRank(normalPixels / 2)) / 2;
    }

    /** The centre of the histogram bin of the value at a 0-based rank. */
    private double angleAtRank(long rank) {
        long seen = 0;
        for (int bin = 0; bin < angleHistogram.length; bin++) {
            seen += angleHistogram[bin];
            if (seen > rank) {
                return (bin + 0.5) * BIN;
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + normalPixels + " angles");
    }
}
