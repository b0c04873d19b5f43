package org.rotograd4j.optim;

import ai.djl.training.optimizer.Optimizer;

/**
 * Makes a new optimizer for a learning-rate schedule: the update rule of a training, which creates one
 * optimizer for the network and one for the rotations (optimizers keep per-parameter state, so a
 * configuration holds this rule, never an optimizer). Only {@link ExactOptimizer}s can be checkpointed.
 *
 * <pre>{@code
 * OptimizerFactory withMomentum = rate -> Sgd.builder().setLearningRate(rate).optMomentum(0.9).build();
 * }</pre>
 */
@FunctionalInterface
public interface OptimizerFactory {

    /** {@link Adam} with torch's defaults. */
    OptimizerFactory ADAM = schedule -> Adam.builder().setLearningRate(schedule).build();

    /** {@link Sgd} without momentum. */
    OptimizerFactory SGD = schedule -> Sgd.builder().setLearningRate(schedule).build();

    /**
     * Creates an optimizer.
     *
     * @param schedule the learning rate by number of updates
     * @return a new optimizer, with no state
     */
    Optimizer create(LearningRateSchedule schedule);
}
