package org.rotograd4j.method;

import ai.djl.ndarray.NDList;

/**
 * What a {@link MultiTaskMethod} combines at one training step.
 *
 * @param gradients {@code G_k = ∂L_k/∂z} of every task, in the space of the shared feature z
 *     (rotations undone), without autograd history
 * @param norms {@code ||G_k||}, the Frobenius norm over the whole batch
 * @param normalizedLosses {@code L_k / L_k^0}, the losses over their reference values
 * @param step the 0-based index of this training step
 * @param anchorStep whether references ("initial" values) are (re)set at this step: step 0 and the end
 *     of the burn-in period
 */
public record TaskGradients(
        NDList gradients, double[] norms, double[] normalizedLosses, int step, boolean anchorStep) {

    /** Returns the number of tasks K. */
    public int numTasks() {
        return gradients.size();
    }
}
