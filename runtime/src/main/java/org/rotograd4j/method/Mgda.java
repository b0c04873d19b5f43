package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import org.rotograd4j.train.GradientSpace;

/**
 * MGDA (Sener and Koltun, NeurIPS 2018), the "upper bound" variant on the shared feature: the backbone
 * receives the minimum-norm convex combination {@code Σ_k w_k G_k} (w on the simplex), a common descent
 * direction of all tasks. Frank-Wolfe on the K×K Gram matrix: O(K²·|z| + K²·iterations).
 */
public final class Mgda implements GramWeightedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("mgda", "MGDA")
            .summary("minimum-norm convex combination (MGDA-UB)")
            .paper("Sener & Koltun 2018", GradientSpace.FEATURE)
            .cost("O(K²·d)")
            .factory(values -> new Mgda())
            .build();

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Returns the weights on the simplex of the minimum-norm point of the gradients' convex hull.
     *
     * @param gram the Gram matrix of the task gradients
     * @return non-negative weights summing to 1
     */
    @Override
    public double[] weights(double[][] gram) {
        return Simplex.minNorm(gram);
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
