package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import org.rotograd4j.train.GradientSpace;

/**
 * RotoGrad's rotations combined with GradNorm's learned task weights, as the authors' library offers: the
 * rotations learn from RotoGrad's rotation loss and the magnitudes from {@link GradNorm}.
 */
public final class RotoGradNorm extends GradNorm {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("rotogradnorm", "RotoGradNorm")
            .summary("rotations + GradNorm weights")
            .paper("authors' library", GradientSpace.FEATURE)
            .rotates()
            .hyperparameter(ASYMMETRY)
            .cost("O(K·m³)")
            .factory(values -> new RotoGradNorm(values[0]))
            .build();

    /**
     * Creates the method.
     *
     * @param alpha GradNorm's asymmetry {@code α ≥ 0}
     * @throws IllegalArgumentException when {@code alpha} is negative or not finite
     */
    public RotoGradNorm(double alpha) {
        super(alpha);
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
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
