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
     * themselves: one backbone forward pass, whose graph is kept for K backward passes (one per task), so the
     * step costs K−1 more backbone backward passes than in {@link #FEATURE}; dropout masks and batch-norm
     * statistics are those of the one forward pass. Not for rotating methods.
     */
    PARAMETERS
}
