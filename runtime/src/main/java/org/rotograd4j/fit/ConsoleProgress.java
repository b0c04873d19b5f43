package org.rotograd4j.fit;

import ai.djl.metric.Metrics;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.util.ProgressBar;
import java.io.PrintStream;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A DJL training listener that shows a progress bar over each epoch's batches and, after each epoch,
 * prints the epoch's metrics ({@code train_epoch_*} and {@code validate_epoch_*}, as {@link MultiTaskFit}
 * records them in the trainer's {@link Metrics}).
 */
public final class ConsoleProgress extends TrainingListenerAdapter {

    private final PrintStream out;
    private final BiFunction<Integer, Metrics, String> epochReport;
    private ProgressBar bar;
    private int epoch;

    /** Prints to standard output. */
    public ConsoleProgress() {
        this(System.out);
    }

    /**
     * Prints to the given stream, every epoch metric on its own line.
     *
     * @param out where the epochs' reports go (DJL's progress bar always prints to standard output)
     */
    public ConsoleProgress(PrintStream out) {
        this(out, ConsoleProgress::everyMetric);
    }

    /**
     * Prints to the given stream, each epoch's report made by {@code epochReport} from the epoch number and the
     * trainer's metrics (for a summary when there are many tasks).
     *
     * @param out where the epochs' reports go (DJL's progress bar always prints to standard output)
     * @param epochReport makes one epoch's report from the 1-based epoch and the trainer's metrics; it may
     *     span several lines
     */
    public ConsoleProgress(PrintStream out, BiFunction<Integer, Metrics, String> epochReport) {
        this.out = out;
        this.epochReport = epochReport;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        Batch batch = batchData.getBatch();
        if (batch.getProgressTotal() <= 0) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBar("Epoch " + currentEpoch(trainer), batch.getProgressTotal());
        }
        bar.update(batch.getProgress(), null);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        epoch = currentEpoch(trainer);
        if (bar != null) {
            bar.end();
            bar = null;
        }
        Metrics metrics = trainer.getMetrics();
        if (metrics != null) {
            out.println(epochReport.apply(epoch, metrics));
        }
    }

    /** The epoch under way, as the fit records it (a resumed run does not start at 1), else the next one. */
    private int currentEpoch(Trainer trainer) {
        Metrics metrics = trainer.getMetrics();
        if (metrics != null && metrics.hasMetric(MultiTaskFit.EPOCH_METRIC)) {
            return metrics.latestMetric(MultiTaskFit.EPOCH_METRIC).getValue().intValue();
        }
        return epoch + 1;
    }

    /** Reports every {@code train_epoch_*} and {@code validate_epoch_*} metric on its own line. */
    private static String everyMetric(int epoch, Metrics metrics) {
        StringBuilder line = new StringBuilder("epoch " + epoch + ":");
        for (String name : new TreeSet<>(metrics.getMetricNames())) {
            if (name.startsWith(MultiTaskFit.TRAIN_PREFIX) || name.startsWith(MultiTaskFit.VALIDATE_PREFIX)) {
                String shown = name.replace(MultiTaskFit.TRAIN_PREFIX, "train ")
                        .replace(MultiTaskFit.VALIDATE_PREFIX, "val ");
                line.append(String.format("%n  %-40s %.5f", shown, metrics.latestMetric(name).getValue().doubleValue()));
            }
        }
        return line.toString();
    }
}
