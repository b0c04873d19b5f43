package org.rotograd4j.train;

/** Where a method combines the task gradients. */
public enum GradientSpace {
    /**
     * The gradients with respect to the shared feature z (one backbone backward per step), as RotoGrad and
     * the paper's comparisons do.
     */
    FEATURE,
    /**
     * The gradients with respect to the backbone's parameters, as PCGrad, CAGrad and Nash-MTL define
     * themselves: the backbone runs forward and backward once more per task (K+1 forward passes per step, so
     * dropout masks differ and batch-norm statistics update K+1 times). Not for rotating methods.
     */
    PARAMETERS
}
