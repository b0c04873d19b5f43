package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import org.rotograd4j.train.GradientSpace;

/**
 * RotoGrad's direction part alone (paper §3.2): the rotations learn to align the task gradients, and the
 * backbone receives the plain sum {@code Σ_k G_k} of the gradients pulled back through them.
 */
public final class RotateOnly implements MultiTaskMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("rotate-only", "RotateOnly")
            .summary("rotations only")
            .paper("Javaloy & Valera 2022", GradientSpace.FEATURE)
            .rotates()
            .cost("O(K·m³)")
            .factory(values -> new RotateOnly())
            .build();

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        return Vanilla.plainSum(gradients);
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
