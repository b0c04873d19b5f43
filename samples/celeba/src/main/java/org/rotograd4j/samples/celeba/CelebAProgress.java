package org.rotograd4j.samples.celeba;

import ai.djl.metric.Metrics;
import java.util.Arrays;
import java.util.Locale;
import org.rotograd4j.fit.ConsoleProgress;
import org.rotograd4j.fit.MultiTaskFit;
import org.rotograd4j.report.Statistics;

/**
 * A compact console report for 40 tasks: {@link ConsoleProgress}'s bar over each epoch's batches, then one line
 * per epoch with the training loss averaged over tasks and, with validation data, the F1-score statistics over
 * tasks.
 */
final class CelebAProgress {

    private CelebAProgress() {}

    /** Returns the listener that prints this report. */
    static ConsoleProgress listener() {
        return new ConsoleProgress(System.out, CelebAProgress::report);
    }

    static String report(int epoch, Metrics metrics) {
        double[] losses = latest(metrics, MultiTaskFit.TRAIN_PREFIX, "_loss");
        double[] f1 = latest(metrics, MultiTaskFit.VALIDATE_PREFIX, "_f1");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d: train loss (mean over %d tasks) %.5f",
                epoch, losses.length, Arrays.stream(losses).average().orElse(Double.NaN)));
        if (f1.length > 0) {
            double[] percent = Arrays.stream(f1).map(v -> 100 * v).toArray();
            line.append(String.format(Locale.ROOT, ", validation F1 (%%) min %.2f median %.2f mean %.2f std %.2f",
                    Statistics.min(percent), Statistics.median(percent), Statistics.mean(percent),
                    Statistics.populationStd(percent)));
        }
        return line.toString();
    }

    private static double[] latest(Metrics metrics, String prefix, String suffix) {
        return metrics.getMetricNames().stream()
                .filter(name -> name.startsWith(prefix) && name.endsWith(suffix))
                .mapToDouble(name -> metrics.latestMetric(name).getValue().doubleValue())
                .toArray();
    }
}
