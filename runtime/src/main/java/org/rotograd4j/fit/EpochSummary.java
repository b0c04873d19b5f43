package org.rotograd4j.fit;

import java.util.Map;

/**
 * What one epoch of {@link MultiTaskFit} measured.
 *
 * @param epoch the 1-based epoch
 * @param trainLosses each task's mean training loss over the epoch's steps, by task name
 * @param validation each task's validation loss and metrics, keyed {@code <task>_loss} and {@code
 *     <task>_<metric>}; empty without validation data
 * @param seconds the wall-clock time of the epoch, validation included
 * @param skippedSteps the steps skipped for non-finite values in this epoch
 */
public record EpochSummary(
        int epoch, Map<String, Double> trainLosses, Map<String, Double> validation, double seconds, int skippedSteps) {}
