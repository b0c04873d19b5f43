package org.rotograd4j.fit;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one epoch of {@link MultiTaskFit} measured. Serializable (with serializable maps and lists, as the fit's
 * are), so that a run's history can travel between processes.
 *
 * @param epoch the 1-based epoch
 * @param trainLosses each task's mean training loss over the epoch's steps, by task name
 * @param validation each task's validation loss and metrics, keyed {@code <task>_loss} and {@code
 *     <task>_<metric>}; empty without validation data
 * @param seconds the wall-clock time of the epoch, validation included
 * @param skippedSteps the steps skipped for non-finite values in this epoch
 * @param validationSeconds the wall-clock time of the epoch's validation; 0 without validation data
 * @param stepSeconds the wall-clock time of each training step of the epoch, in order (reading the batch
 *     excluded, the listeners' batch notification included)
 * @serial exclude
 */
public record EpochSummary(int epoch, Map<String, Double> trainLosses, Map<String, Double> validation,
        double seconds, int skippedSteps, double validationSeconds, List<Double> stepSeconds) implements Serializable {}
