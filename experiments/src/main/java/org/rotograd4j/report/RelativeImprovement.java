package org.rotograd4j.report;

/**
 * The relative task improvement of paper Eq. 6, {@code Δ_k = 100 · (−1)^{l_k} · (M_k − S_k) / S_k}, of a
 * multi-task model's metric {@code M_k} over a single-task baseline's {@code S_k}, where {@code l_k = 1}
 * when lower values are better: positive means the multi-task model is better.
 */
public final class RelativeImprovement {

    private RelativeImprovement() {}

    /**
     * Returns {@code Δ_k} in percent.
     *
     * @param metric the multi-task model's metric M_k
     * @param baseline the single-task baseline's metric S_k, not 0
     * @param lowerIsBetter whether lower values are better (errors, losses)
     * @return the improvement in percent, NaN when the baseline is 0 or a value is missing
     */
    public static double of(double metric, double baseline, boolean lowerIsBetter) {
        if (baseline == 0 || Double.isNaN(metric) || Double.isNaN(baseline)) {
            return Double.NaN;
        }
        double delta = 100 * (metric - baseline) / baseline;
        return lowerIsBetter ? -delta : delta;
    }

    /**
     * Returns whether lower values of a measure are better, from its name: errors, losses, MSE, MAE.
     *
     * @param measure the measure's name, such as {@code left_accuracy} or {@code depth_mae}
     * @return {@code true} when the name, ignoring case, ends with {@code loss}, {@code mse} or {@code mae},
     *     or contains {@code error}
     */
    public static boolean lowerIsBetter(String measure) {
        String name = measure.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith("loss") || name.endsWith("mse") || name.endsWith("mae") || name.contains("error");
    }
}
