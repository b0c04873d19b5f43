package org.rotograd4j.report;

import java.util.Arrays;

/**
 * Statistics of a sample of values, as the reports need them: over seeds (median ± std of Δ_k), over tasks
 * (CelebA's Table 4) and over training steps (the time per step). Non-finite values (NaN, a missing measure)
 * are left out; a statistic of no finite value is NaN.
 */
public final class Statistics {

    private Statistics() {}

    /**
     * Returns the mean.
     *
     * @param values the sample
     * @return the mean of the finite values
     */
    public static double mean(double[] values) {
        return Arrays.stream(finite(values)).average().orElse(Double.NaN);
    }

    /**
     * Returns the median: the middle value, or the mean of the two middle ones for an even count.
     *
     * @param values the sample
     * @return the median of the finite values
     */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /**
     * Returns a quantile, interpolating linearly between the sorted values (the default of R and NumPy): the
     * value at position {@code p · (n − 1)} of the sorted sample.
     *
     * @param values the sample
     * @param p the probability, in [0, 1]: 0.5 for the median, 0.25 and 0.75 for the quartiles
     * @return the quantile of the finite values
     * @throws IllegalArgumentException when {@code p} is not in [0, 1]
     */
    public static double quantile(double[] values, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a quantile's probability must be in [0, 1], got " + p);
        }
        double[] sorted = finite(values);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * Returns the interquartile range, the spread of the middle half of the sample.
     *
     * @param values the sample
     * @return the third quartile minus the first, of the finite values
     */
    public static double interquartileRange(double[] values) {
        return quantile(values, 0.75) - quantile(values, 0.25);
    }

    /**
     * Returns the smallest value.
     *
     * @param values the sample
     * @return the minimum of the finite values
     */
    public static double min(double[] values) {
        return Arrays.stream(finite(values)).min().orElse(Double.NaN);
    }

    /**
     * Returns the largest value.
     *
     * @param values the sample
     * @return the maximum of the finite values
     */
    public static double max(double[] values) {
        return Arrays.stream(finite(values)).max().orElse(Double.NaN);
    }

    /**
     * Returns the sample standard deviation, the sum of squared deviations divided by {@code n − 1}: the spread
     * over seeds.
     *
     * @param values the sample
     * @return the sample standard deviation of the finite values; 0 for a single one
     */
    public static double sampleStd(double[] values) {
        double[] finite = finite(values);
        return finite.length < 2 ? (finite.length == 1 ? 0 : Double.NaN)
                : Math.sqrt(squaredDeviations(finite) / (finite.length - 1));
    }

    /**
     * Returns the population standard deviation, the sum of squared deviations divided by {@code n}: the spread
     * over all of a model's tasks, as CelebA's Table 4 reports it.
     *
     * @param values the sample
     * @return the population standard deviation of the finite values
     */
    public static double populationStd(double[] values) {
        double[] finite = finite(values);
        return Math.sqrt(squaredDeviations(finite) / finite.length);
    }

    private static double squaredDeviations(double[] finite) {
        double mean = mean(finite);
        return Arrays.stream(finite).map(value -> (value - mean) * (value - mean)).sum();
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }
}
