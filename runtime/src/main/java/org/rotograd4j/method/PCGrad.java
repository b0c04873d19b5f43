package org.rotograd4j.method;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * PCGrad, gradient surgery (Yu et al., NeurIPS 2020): each task gradient, in a random order of the others,
 * loses its projection onto every task gradient it conflicts with (negative inner product); the backbone
 * receives the sum. Computed on the shared feature's gradients through their K×K Gram matrix: O(K²·|z|).
 * The paper applies it to the shared parameters' gradients: {@code GradientSpace.PARAMETERS} reproduces it.
 */
public final class PCGrad extends RandomizedMethod {

    /**
     * Creates the method.
     *
     * @param seed the seed of the random projection orders
     */
    public PCGrad(long seed) {
        super(seed);
    }

    @Override
    public String name() {
        return "PCGrad";
    }

    @Override
    public boolean rotates() {
        return false;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        double[][] gram = gradients.gram();
        Random random = new Random(stepRandom().nextLong());
        double[] weights = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            // The projected gradient as coefficients on the original gradients.
            double[] projected = new double[tasks];
            projected[k] = 1;
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < tasks; j++) {
                if (j != k) {
                    others.add(j);
                }
            }
            Collections.shuffle(others, random);
            for (int j : others) {
                double inner = 0;
                for (int i = 0; i < tasks; i++) {
                    inner += projected[i] * gram[i][j];
                }
                if (inner < 0 && gram[j][j] > 0) {
                    projected[j] -= inner / gram[j][j];
                }
            }
            for (int i = 0; i < tasks; i++) {
                weights[i] += projected[i];
            }
        }
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights);
    }
}
