package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.rotograd4j.train.GradientSpace;

/**
 * PCGrad, gradient surgery (Yu et al., NeurIPS 2020): each task gradient, in a random order of the others,
 * loses its projection onto every task gradient it conflicts with (negative inner product); the backbone
 * receives the sum. Computed on the shared feature's gradients through their K×K Gram matrix: O(K²·|z|).
 * The paper applies it to the shared parameters' gradients: {@code GradientSpace.PARAMETERS} reproduces it.
 */
public final class PCGrad extends RandomizedMethod implements GramWeightedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("pcgrad", "PCGrad")
            .summary("project away conflicting components")
            .paper("Yu et al. 2020", GradientSpace.PARAMETERS)
            .hyperparameter(Hyperparameter.seed("the random projection orders"))
            .cost("O(K²·d)")
            .factory(values -> new PCGrad((long) values[0]))
            .build();

    /**
     * Creates the method.
     *
     * @param seed the seed of the random projection orders
     * @throws IllegalArgumentException when the seed is negative or above {@link Hyperparameter#LARGEST_SEED}
     */
    public PCGrad(long seed) {
        super(seed);
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Returns the weights of the projected gradients' sum on the original gradients, projecting in this step's
     * random orders (the same orders until the step is {@linkplain #commit() committed}).
     *
     * @param gram the Gram matrix of the task gradients
     * @return {@code w} with {@code Σ_k w_k G_k = Σ_k G_k^PC}
     */
    @Override
    public double[] weights(double[][] gram) {
        int tasks = gram.length;
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
        return weights;
    }

    /** Registers {@link #DESCRIPTOR} with {@link Methods}. */
    @AutoService(MethodRegistration.class)
    public static final class Registration implements MethodRegistration {
        @Override
        public List<MethodDescriptor> descriptors() {
            return List.of(DESCRIPTOR);
        }
    }
}
