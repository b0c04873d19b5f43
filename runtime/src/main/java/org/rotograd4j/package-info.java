/**
 * RotoGrad multi-task training on DJL's PyTorch engine, and what every part of it shares: {@link
 * org.rotograd4j.Devices} chooses where to train, {@link org.rotograd4j.EngineLock} guards PyTorch's
 * process-wide state so that the library works from any thread, and {@link org.rotograd4j.Scalars} makes
 * constants that stay valid in an autograd graph.
 *
 * <p>The model and the training step are in {@code train}, the epoch loop and the few-lines entry point in
 * {@code fit}, the methods in {@code method}, the rotations in {@code rotation}, the optimizers in {@code
 * optim}, and losses, metrics and checkpoints in {@code loss}, {@code metric} and {@code checkpoint}.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j;
