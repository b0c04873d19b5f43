package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link MultiTaskMethod} decided at one step.
 *
 * @param backboneGradient the gradient pushed into the backbone at z, shaped like z
 * @param taskWeights the factor applied to each {@code G_k} in {@code backboneGradient}
 * @param auxiliaryLoss a scalar back-propagated into the method's own {@link
 *     MultiTaskMethod#parameters()} (for example GradNorm's weight loss), or {@code null}
 */
public record Combination(NDArray backboneGradient, double[] taskWeights, NDArray auxiliaryLoss) {

    /** A combination with no auxiliary loss. */
    public Combination(NDArray backboneGradient, double[] taskWeights) {
        this(backboneGradient, taskWeights, null);
    }
}
