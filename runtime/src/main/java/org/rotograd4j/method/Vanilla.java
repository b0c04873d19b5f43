package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.Arrays;
import java.util.List;

/**
 * Plain multi-task learning: the backbone receives {@code Σ_k G_k}, the gradient of {@code Σ_k L_k}.
 * Rotations, if the model has them, stay fixed.
 */
public final class Vanilla implements MultiTaskMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("vanilla", "Vanilla")
            .summary("sum of task gradients")
            .paper("", null)
            .cost("O(K·d)")
            .factory(values -> new Vanilla())
            .build();

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        return plainSum(gradients);
    }

    /** The unweighted sum {@code Σ_k G_k}. */
    static Combination plainSum(TaskGradients gradients) {
        double[] ones = new double[gradients.numTasks()];
        Arrays.fill(ones, 1);
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), ones), ones);
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
