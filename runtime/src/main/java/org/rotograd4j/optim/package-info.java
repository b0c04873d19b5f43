/**
 * Optimizers that follow {@code torch.optim} to the last rounding ({@link org.rotograd4j.optim.Adam},
 * {@link org.rotograd4j.optim.Sgd}), with a learning rate per update from a {@link
 * org.rotograd4j.optim.LearningRateSchedule}. Their whole state can be read and replaced ({@link
 * org.rotograd4j.optim.ExactOptimizer}), so that checkpoints resume training exactly. For RotoGrad, give
 * the rotations a smaller rate that decays faster than the network's ({@link
 * org.rotograd4j.optim.LearningRateSchedule#twoTimescale}).
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.optim;
