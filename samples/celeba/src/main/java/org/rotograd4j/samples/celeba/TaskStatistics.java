package org.rotograd4j.samples.celeba;

import java.util.Arrays;

/**
 * Statistics of a measure over tasks, as Table 4 reports them.
 *
 * @param min the smallest value
 * @param median the median (the mean of the two middle values for an even count)
 * @param mean the mean
 * @param std the population standard deviation (divided by the count)
 */
public record TaskStatistics(double min, double median, double mean, double std) {

    /**
     * Computes the statistics of some values.
     *
     * @param values one value per task, at least one
     * @return their statistics
     */
    public static TaskStatistics of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("statistics over no tasks");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double variance = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / n;
        return new TaskStatistics(sorted[0], median, mean, Math.sqrt(variance));
    }
}
