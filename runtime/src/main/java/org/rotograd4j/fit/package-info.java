/**
 * Training over epochs. {@link org.rotograd4j.fit.MultiTaskTraining} is the entry point: it initializes
 * the model on a device, makes the batch trainer and the loop from one {@link
 * org.rotograd4j.train.MultiTaskConfig}, and owns their native memory. {@link
 * org.rotograd4j.fit.MultiTaskFit} is the loop itself over DJL datasets: per-epoch training losses and
 * validation metrics ({@link org.rotograd4j.fit.EpochSummary}), DJL training listeners ({@link
 * org.rotograd4j.fit.ConsoleProgress} by default), and checkpoints from which an interrupted run resumes
 * where it stood ({@link org.rotograd4j.checkpoint.CheckpointPolicy}).
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.fit;
