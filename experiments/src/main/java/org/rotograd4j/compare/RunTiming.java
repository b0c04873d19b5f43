package org.rotograd4j.compare;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.report.Statistics;

/**
 * The time a run took, from its epochs: each training step's time apart from the epoch's wall time and its
 * validation, so that speed claims compare steps and the "Hours" of the paper's tables are the run's total.
 *
 * @param msPerStep the median time of a training step, in milliseconds
 * @param msPerStepIqr the interquartile range of the steps' times, in milliseconds
 * @param epochSeconds the mean wall-clock time of an epoch, validation included
 * @param validationSeconds the mean time of an epoch's validation
 * @param hours the run's wall-clock training time, the sum of its epochs, validation included
 */
public record RunTiming(double msPerStep, double msPerStepIqr, double epochSeconds, double validationSeconds,
        double hours) {

    /** The columns a results table gives the timing, in {@link #values()} order. */
    public static final List<String> COLUMNS = List.of("ms_per_step", "ms_per_step_iqr", "epoch_seconds",
            "validation_seconds", "hours");

    /**
     * Measures a run.
     *
     * @param epochs the run's epochs
     * @return its timing; NaN statistics for a run without epochs
     */
    public static RunTiming of(List<EpochSummary> epochs) {
        double[] stepMillis = epochs.stream().flatMap(e -> e.stepSeconds().stream())
                .mapToDouble(seconds -> 1000 * seconds).toArray();
        double[] epochSeconds = epochs.stream().mapToDouble(EpochSummary::seconds).toArray();
        return new RunTiming(Statistics.median(stepMillis), Statistics.interquartileRange(stepMillis),
                Statistics.mean(epochSeconds),
                Statistics.mean(epochs.stream().mapToDouble(EpochSummary::validationSeconds).toArray()),
                Arrays.stream(epochSeconds).sum() / 3600);
    }

    /**
     * Returns the timing of several models trained one after the other, such as a seed's single-task models:
     * the sums of their step, epoch and validation times and of their hours. Spreads do not add up: the
     * interquartile range is NaN.
     *
     * @param runs the models' timings
     * @return their sum
     */
    public static RunTiming sum(List<RunTiming> runs) {
        return new RunTiming(runs.stream().mapToDouble(RunTiming::msPerStep).sum(), Double.NaN,
                runs.stream().mapToDouble(RunTiming::epochSeconds).sum(),
                runs.stream().mapToDouble(RunTiming::validationSeconds).sum(),
                runs.stream().mapToDouble(RunTiming::hours).sum());
    }

    /**
     * Returns the timing as a results table's values.
     *
     * @return the values by {@link #COLUMNS} name, in that order
     */
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        double[] all = {msPerStep, msPerStepIqr, epochSeconds, validationSeconds, hours};
        for (int i = 0; i < all.length; i++) {
            values.put(COLUMNS.get(i), all[i]);
        }
        return values;
    }
}
