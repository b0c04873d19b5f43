package org.rotograd4j.method;

/**
 * A weighting of task gradients that needs only their Gram matrix: the K×K inner products {@code M[j][k] = <G_j,
 * G_k>} in, one weight per task out, the combined gradient being {@code Σ_k w_k G_k}. Plain Java, so that a
 * weighting is tested on matrices without tensors; {@link GramWeightedMethod} makes a training method of one.
 */
@FunctionalInterface
public interface GramWeighting {

    /**
     * Weighs the task gradients.
     *
     * @param gram the symmetric positive semi-definite Gram matrix of the K task gradients, row by row; not
     *     modified; it may be singular (zero, parallel or linearly dependent gradients)
     * @return K finite weights, a new array
     */
    double[] weights(double[][] gram);
}
