package org.rotograd4j.method;

/**
 * MGDA (Sener and Koltun, NeurIPS 2018), the "upper bound" variant on the shared feature: the backbone
 * receives the minimum-norm convex combination {@code Σ_k w_k G_k} (w on the simplex), a common descent
 * direction of all tasks. Frank-Wolfe on the K×K Gram matrix: O(K²·|z| + K²·iterations).
 */
public final class Mgda implements MultiTaskMethod {

    @Override
    public String name() {
        return "MGDA";
    }

    @Override
    public boolean rotates() {
        return false;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        double[] weights = Simplex.minNorm(gradients.gram());
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights);
    }
}
