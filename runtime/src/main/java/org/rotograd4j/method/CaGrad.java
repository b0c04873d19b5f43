package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import org.rotograd4j.train.GradientSpace;

/**
 * CAGrad, conflict-averse gradient descent (Liu et al., NeurIPS 2021): the direction {@code d = g₀ + √φ·g_w /
 * ||g_w||}, where {@code g₀} is the mean task gradient, {@code φ = c²||g₀||²} and {@code w} on the simplex
 * minimizes {@code g_wᵀg₀ + √φ||g_w||}, so that the worst task improvement is maximized near {@code g₀}. The
 * backbone receives {@code K·d / (1 + c²)} (c = 0 gives the plain sum). Mirror descent on the K×K Gram
 * matrix: O(K²·|z| + K²·iterations).
 *
 * <p>The paper works on the shared parameters' gradients: {@code GradientSpace.PARAMETERS} reproduces it.
 */
public final class CaGrad implements GramWeightedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("cagrad", "CAGrad")
            .summary("conflict-averse direction near the mean")
            .paper("Liu et al. 2021", GradientSpace.PARAMETERS)
            .hyperparameter(Hyperparameter.atLeast("c", "the radius of the ball around the mean gradient", 0.4, 0))
            .cost("O(K²·d)")
            .factory(values -> new CaGrad(values[0]))
            .build();

    private static final int ITERATIONS = 500;

    private final double c;

    /**
     * Creates the method.
     *
     * @param c the radius of the ball around the mean gradient, {@code c ≥ 0} (the paper uses 0.4 or 0.5)
     * @throws IllegalArgumentException when {@code c} is negative or not finite
     */
    public CaGrad(double c) {
        this.c = DESCRIPTOR.check(c)[0];
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double[] hyperparameters() {
        return new double[] {c};
    }

    /**
     * Returns the weights of {@code K·d / (1 + c²)} on the task gradients, {@code w} found by mirror descent.
     *
     * @param gram the Gram matrix of the task gradients
     * @return {@code K (1/K + λ w_k) / (1 + c²)} with {@code λ = √φ / ||g_w||}; all 1 when {@code c = 0}
     */
    @Override
    public double[] weights(double[][] gram) {
        int tasks = gram.length;
        double[] meanWeights = Simplex.filled(tasks, 1.0 / tasks);
        double[] m0 = Simplex.times(gram, meanWeights);
        double sqrtPhi = c * Math.sqrt(Math.max(Simplex.dot(meanWeights, m0), 0));
        double[] w = meanWeights.clone();
        double step = 1.0;
        for (int iteration = 0; iteration < ITERATIONS && sqrtPhi > 0; iteration++) {
            double[] mw = Simplex.times(gram, w);
            double norm = Math.sqrt(Math.max(Simplex.dot(w, mw), 1e-30));
            double[] gradient = new double[tasks];
            double largest = 0;
            for (int k = 0; k < tasks; k++) {
                gradient[k] = m0[k] + sqrtPhi * mw[k] / norm;
                largest = Math.max(largest, Math.abs(gradient[k]));
            }
            double sum = 0;
            for (int k = 0; k < tasks; k++) {
                w[k] *= Math.exp(-step * gradient[k] / Math.max(largest, 1e-30));
                sum += w[k];
            }
            for (int k = 0; k < tasks; k++) {
                w[k] /= sum;
            }
            step = 1.0 / Math.sqrt(iteration + 2);
        }
        double norm = Math.sqrt(Math.max(Simplex.dot(w, Simplex.times(gram, w)), 1e-30));
        double lambda = sqrtPhi / norm;
        double[] weights = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            weights[k] = tasks * (1.0 / tasks + lambda * w[k]) / (1 + c * c);
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
