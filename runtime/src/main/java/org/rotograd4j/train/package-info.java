/**
 * The multi-task model, its training configuration and its training step. A {@link
 * org.rotograd4j.train.MultiTaskModel} is a shared
 * backbone, optional task rotations and one head per {@link org.rotograd4j.train.Task}, as one DJL block;
 * {@link org.rotograd4j.train.BatchTrainer} trains it one batch at a time with a multi-task method
 * (the paper's Algorithm 1), reports each step as a {@link org.rotograd4j.train.StepResult}, records its
 * intermediate values on request ({@link org.rotograd4j.train.StepTrace}), and saves and restores the
 * whole training state. A non-finite loss or gradient changes nothing: the step fails or is skipped ({@link
 * org.rotograd4j.train.NonFinitePolicy}). A {@link org.rotograd4j.train.MultiTaskConfig} holds every choice of
 * a training, for the step and for the loop.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.train;
