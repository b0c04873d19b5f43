package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Set;
import org.rotograd4j.checkpoint.SavedState;
import org.rotograd4j.train.GradientSpace;

/**
 * RotoGrad (Javaloy and Valera, ICLR 2022, Algorithm 1): rotations align the task gradients, and the
 * backbone receives {@code C Σ_k U_k} with {@code U_k = G_k/||G_k||} and {@code C = Σ_k α_k ||G_k||},
 * where {@code α_k ∝ ||G_k|| / ||G_k^0||} favours the tasks that have converged least.
 *
 * <p>As in the authors' library, norms are clamped at 1e-15 (a task whose gradient vanishes gets no
 * weight and never a NaN), and the reference norms {@code ||G_k^0||} are taken at step 0 and taken
 * again at the end of the burn-in period. Cost per step: O(K·|z|) on top of the task gradients.
 */
public final class RotoGrad implements MultiTaskMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("rotograd", "RotoGrad")
            .summary("rotations + magnitudes")
            .paper("Javaloy & Valera 2022", GradientSpace.FEATURE)
            .rotates()
            .cost("O(K·m³)")
            .factory(values -> new RotoGrad())
            .build();

    private static final double EPSILON = 1e-15;

    private double[] initialNorms;
    private Magnitudes last;

    /**
     * The magnitude part of the last step.
     *
     * @param norms {@code n_k = max(||G_k||, 1e-15)}
     * @param initialNorms the reference norms {@code n_k^0}
     * @param convergenceRatios {@code ρ_k = n_k / n_k^0}
     * @param alphas {@code α_k = ρ_k / Σ_j ρ_j}
     * @param sharedMagnitude {@code C = Σ_k α_k n_k}
     */
    public record Magnitudes(
            double[] norms, double[] initialNorms, double[] convergenceRatios, double[] alphas, double sharedMagnitude) {}

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        double[] norms = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            norms[k] = Math.max(gradients.norms()[k], EPSILON);
        }
        double[] reference = gradients.anchorStep() || initialNorms == null ? norms : initialNorms;
        double[] ratios = new double[tasks];
        double ratioSum = 0;
        for (int k = 0; k < tasks; k++) {
            ratios[k] = norms[k] / reference[k];
            ratioSum += ratios[k];
        }
        double[] alphas = new double[tasks];
        double magnitude = 0;
        for (int k = 0; k < tasks; k++) {
            alphas[k] = ratios[k] / Math.max(ratioSum, EPSILON);
            magnitude += alphas[k] * norms[k];
        }
        double[] weights = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            weights[k] = magnitude / norms[k];
        }
        last = new Magnitudes(norms, reference, ratios, alphas, magnitude);
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights);
    }

    @Override
    public void commit() {
        initialNorms = last.initialNorms();
    }

    @Override
    public SavedState saveState() {
        return SavedState.builder().putIfPresent("initial_norms", initialNorms).build();
    }

    @Override
    public Runnable prepareRestore(SavedState state) {
        state.requireOnly(Set.of("initial_norms"));
        double[] norms = state.has("initial_norms") ? state.asMap().get("initial_norms") : null;
        return () -> {
            initialNorms = norms;
            last = null;
        };
    }

    /**
     * Returns the magnitudes of the last step, for inspection.
     *
     * @return the magnitudes computed by the last {@link #combine}, committed or not, or {@code null} before
     *     the first step and after a restore
     */
    public @Nullable Magnitudes lastMagnitudes() {
        return last;
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
