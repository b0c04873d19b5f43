package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import jakarta.annotation.Nullable;

/**
 * What a {@link MultiTaskMethod} decided at one step.
 *
 * @param backboneGradient the gradient pushed into the backbone at z, shaped like z
 * @param taskWeights the factor applied to each {@code G_k} in {@code backboneGradient}
 * @param auxiliaryLoss a scalar back-propagated into the method's own {@link
 *     MultiTaskMethod#parameters()} (for example GradNorm's weight loss), or {@code null}
 * @param headWeights factors on each head's gradient, for methods that weight the task losses
 *     themselves (the heads then see {@code ∇φ_k (w_k L_k)}), or {@code null} to leave the heads' gradients
 *     as they are
 */
public record Combination(
        NDArray backboneGradient, double[] taskWeights, @Nullable NDArray auxiliaryLoss, @Nullable double[] headWeights) {

    /**
     * A combination with no auxiliary loss, leaving the heads' gradients as they are.
     *
     * @param backboneGradient the gradient pushed into the backbone at z, shaped like z
     * @param taskWeights the factor applied to each {@code G_k}, one per task
     */
    public Combination(NDArray backboneGradient, double[] taskWeights) {
        this(backboneGradient, taskWeights, null, null);
    }

    /**
     * A combination with an auxiliary loss, leaving the heads' gradients as they are.
     *
     * @param backboneGradient the gradient pushed into the backbone at z, shaped like z
     * @param taskWeights the factor applied to each {@code G_k}, one per task
     * @param auxiliaryLoss a scalar back-propagated into the method's own parameters
     */
    public Combination(NDArray backboneGradient, double[] taskWeights, NDArray auxiliaryLoss) {
        this(backboneGradient, taskWeights, auxiliaryLoss, null);
    }
}
