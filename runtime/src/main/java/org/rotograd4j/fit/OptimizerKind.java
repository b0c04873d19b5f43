package org.rotograd4j.fit;

import ai.djl.training.optimizer.Optimizer;
import org.rotograd4j.optim.Adam;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.optim.Sgd;

/** The optimizers {@link MultiTaskTraining} builds, for the network and for the rotations alike. */
public enum OptimizerKind {
    /** {@link Adam}, torch's defaults. */
    ADAM,
    /** {@link Sgd} without momentum. */
    SGD;

    /**
     * Builds an optimizer of this kind with the given schedule.
     *
     * @param schedule the learning rate by update
     * @return a new optimizer, with this kind's other settings at their defaults
     */
    public Optimizer build(LearningRateSchedule schedule) {
        return this == ADAM
                ? Adam.builder().setLearningRate(schedule).build()
                : Sgd.builder().setLearningRate(schedule).build();
    }
}
