package org.rotograd4j.method;

import java.util.SplittableRandom;

/**
 * Random loss weighting (Lin et al., TMLR 2022): at every step, weights {@code w = K·softmax(ε)} with
 * {@code ε ~ N(0, I)}; backbone and heads receive the weighted gradients. Cost per step: O(K·|z|).
 */
public final class RandomLossWeighting implements MultiTaskMethod {

    private final SplittableRandom random;

    /**
     * Creates the method.
     *
     * @param seed the seed of the random weights
     */
    public RandomLossWeighting(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "RLW";
    }

    @Override
    public boolean rotates() {
        return false;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        double[] weights = new double[tasks];
        double sum = 0;
        for (int k = 0; k < tasks; k++) {
            double u = 1 - random.nextDouble();
            double gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
            weights[k] = Math.exp(gaussian);
            sum += weights[k];
        }
        for (int k = 0; k < tasks; k++) {
            weights[k] *= tasks / sum;
        }
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights, null, weights);
    }
}
