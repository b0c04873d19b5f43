/**
 * DJL evaluators for multi-task predictions: {@link org.rotograd4j.metric.TaskEvaluator} applies a loss or
 * metric to one task's entry of the labels and predictions and averages losses over samples, not batches;
 * {@link org.rotograd4j.metric.BinaryF1} is the F1 score of a binary prediction.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.metric;
