package org.rotograd4j.method;

/**
 * A method whose combination is {@code Σ_k w_k G_k}, with the weights {@code w} of its {@link GramWeighting}:
 * {@link #combine} computes the Gram matrix of the step's task gradients once (in double precision), weighs
 * it, and sums. MGDA, IMTL-G, CAGrad, Nash-MTL, Aligned-MTL and PCGrad are such methods.
 */
public interface GramWeightedMethod extends MultiTaskMethod, GramWeighting {

    /**
     * Weighs the step's task gradients by their Gram matrix and sums them.
     *
     * @param gradients the task gradients and losses
     * @return {@code Σ_k w_k G_k} with {@code w = weights(gram)}, the weights, and no auxiliary loss
     */
    @Override
    default Combination combine(TaskGradients gradients) {
        double[] weights = weights(gradients.gram());
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights);
    }
}
