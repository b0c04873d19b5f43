package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import jakarta.annotation.Nullable;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rotograd4j.train.GradientSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nash-MTL (Navon et al., ICML 2022): the bargaining solution {@code Σ_k α_k G_k} with {@code α > 0} solving
 * {@code G Gᵀ α = 1/α}, so that every task's share of the update is proportional to 1/α_k. Solved here by
 * damped Newton iterations on the K×K Gram matrix (the paper uses a sequence of convex programs): O(K²·|z| +
 * K³·iterations).
 *
 * <p>The paper works on the shared parameters' gradients: {@code GradientSpace.PARAMETERS} reproduces it.
 */
public final class NashMtl implements GramWeightedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("nash-mtl", "Nash-MTL")
            .summary("Nash bargaining weights, Gᵀ G α = 1/α")
            .paper("Navon et al. 2022", GradientSpace.PARAMETERS)
            .cost("O(K²·d + K³)")
            .factory(values -> new NashMtl())
            .build();

    private static final Logger LOGGER = LoggerFactory.getLogger(NashMtl.class);

    private static final int ITERATIONS = 100;

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Solves {@code M α = 1/α} for α > 0 by damped Newton iterations.
     *
     * @param gram the Gram matrix of the task gradients
     * @return α; tasks with a zero gradient get weight 0
     */
    @Override
    public double[] weights(double[][] gram) {
        int tasks = gram.length;
        double[] alpha = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            alpha[k] = gram[k][k] > 0 ? 1 / Math.sqrt(gram[k][k] * tasks) : 0;
        }
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] residual = residual(gram, alpha);
            if (norm(residual) < 1e-10) {
                break;
            }
            DMatrixRMaj jacobian = new DMatrixRMaj(tasks, tasks);
            DMatrixRMaj rhs = new DMatrixRMaj(tasks, 1);
            for (int i = 0; i < tasks; i++) {
                for (int j = 0; j < tasks; j++) {
                    jacobian.set(i, j, alpha[i] > 0 && alpha[j] > 0 ? gram[i][j] : 0);
                }
                jacobian.add(i, i, alpha[i] > 0 ? 1 / (alpha[i] * alpha[i]) : 1);
                rhs.set(i, 0, residual[i]);
            }
            DMatrixRMaj step = new DMatrixRMaj(tasks, 1);
            if (!CommonOps_DDRM.solve(jacobian, rhs, step)) {
                LOGGER.debug("Nash-MTL: singular Newton system at iteration {}; keeping the weights found so far",
                        iteration);
                break;
            }
            double[] next = dampedStep(gram, alpha, step, norm(residual));
            if (next == null) {
                LOGGER.debug("Nash-MTL: no Newton step lowers the residual at iteration {} (the tasks' gradients "
                        + "admit no bargaining solution); keeping the weights found so far", iteration);
                break;
            }
            alpha = next;
        }
        return alpha;
    }

    /**
     * Returns the first of {@code α − step}, {@code α − step/2}, ... down to a factor 1e-8 that keeps α positive
     * and lowers the residual below {@code residualNorm}, or {@code null} when none does.
     */
    private static @Nullable double[] dampedStep(double[][] gram, double[] alpha, DMatrixRMaj step, double residualNorm) {
        double[] next = new double[alpha.length];
        for (double damping = 1; damping > 1e-8; damping /= 2) {
            boolean positive = true;
            for (int k = 0; k < alpha.length; k++) {
                next[k] = alpha[k] > 0 ? alpha[k] - damping * step.get(k) : 0;
                positive &= alpha[k] == 0 || next[k] > 0;
            }
            if (positive && norm(residual(gram, next)) < residualNorm) {
                return next;
            }
        }
        return null;
    }

    private static double[] residual(double[][] gram, double[] alpha) {
        double[] out = Simplex.times(gram, alpha);
        for (int k = 0; k < alpha.length; k++) {
            out[k] = alpha[k] > 0 ? out[k] - 1 / alpha[k] : 0;
        }
        return out;
    }

    private static double norm(double[] values) {
        return Math.sqrt(Simplex.dot(values, values));
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
