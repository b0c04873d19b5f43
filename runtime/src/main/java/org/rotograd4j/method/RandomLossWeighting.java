package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random loss weighting (Lin et al., TMLR 2022): at every step, weights {@code w = K·softmax(ε)} with
 * {@code ε ~ N(0, I)}; backbone and heads receive the weighted gradients. Cost per step: O(K·|z|).
 */
public final class RandomLossWeighting extends RandomizedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("rlw", "RLW")
            .summary("random loss weighting")
            .paper("Lin et al. 2022", null)
            .hyperparameter(Hyperparameter.seed("the random weights"))
            .cost("O(K·d)")
            .factory(values -> new RandomLossWeighting((long) values[0]))
            .build();

    /**
     * Creates the method.
     *
     * @param seed the seed of the random weights
     * @throws IllegalArgumentException when the seed is negative or above {@link Hyperparameter#LARGEST_SEED}
     */
    public RandomLossWeighting(long seed) {
        super(seed);
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        SplittableRandom random = stepRandom();
        double[] noise = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            noise[k] = random.nextGaussian();
        }
        double[] weights = Simplex.softmax(noise);
        for (int k = 0; k < tasks; k++) {
            weights[k] *= tasks;
        }
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights, null, weights);
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
