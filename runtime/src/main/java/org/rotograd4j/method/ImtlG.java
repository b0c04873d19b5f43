package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rotograd4j.train.GradientSpace;

/**
 * IMTL-G (Liu et al., ICLR 2021): weights {@code α} (summing to 1) such that the combined gradient {@code g =
 * Σ_k α_k G_k} has equal projections on every unit task gradient {@code U_k}. Closed form on the K×K Gram
 * matrix with one (K−1)×(K−1) solve: O(K²·|z| + K³).
 *
 * <p>{@link #withRotations()} gives the paper's IMTL-G+R_k (§6.3, CIFAR10): the model's rotations are trained
 * on the task losses, like the rest of the network, instead of RotoGrad's rotation loss.
 *
 * <p>The paper's IMTL-G works on the shared feature, as here ({@code GradientSpace.FEATURE}).
 */
public final class ImtlG implements GramWeightedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("imtl-g", "IMTL-G")
            .summary("equal projections on unit gradients")
            .paper("Liu et al. 2021", GradientSpace.FEATURE)
            .cost("O(K²·d + K³)")
            .factory(values -> new ImtlG())
            .build();

    /** IMTL-G+R_k's names, paper and factory, for {@link Methods}: see {@link #withRotations()}. */
    public static final MethodDescriptor WITH_ROTATIONS = MethodDescriptor.builder("imtl-g+r", "IMTL-G+R_k")
            .summary("IMTL-G with rotations trained on the task losses")
            .paper("Javaloy & Valera 2022 §6.3", GradientSpace.FEATURE)
            .rotates()
            .cost("O(K²·d + K·m³)")
            .factory(values -> withRotations())
            .build();

    private final boolean rotations;

    /** IMTL-G without rotations. */
    public ImtlG() {
        this(false);
    }

    private ImtlG(boolean rotations) {
        this.rotations = rotations;
    }

    /**
     * Returns IMTL-G+R_k: IMTL-G on a rotated model whose rotations learn from the task losses.
     *
     * @return a new method instance; it needs a model with rotations and a rotation optimizer
     */
    public static ImtlG withRotations() {
        return new ImtlG(true);
    }

    @Override
    public MethodDescriptor descriptor() {
        return rotations ? WITH_ROTATIONS : DESCRIPTOR;
    }

    @Override
    public boolean rotationsLearnFromTaskLosses() {
        return rotations;
    }

    /**
     * Solves {@code α_{2:K} = g_1 Uᵀ (D Uᵀ)⁺}, {@code α_1 = 1 − Σ α_{2:K}}, with D and U in Gram terms and the
     * pseudo-inverse {@code ⁺}.
     *
     * @param gram the Gram matrix of the task gradients
     * @return weights summing to 1 whose combination has equal projections on every unit task gradient
     */
    @Override
    public double[] weights(double[][] gram) {
        int tasks = gram.length;
        double[] norms = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            norms[k] = Math.max(Math.sqrt(gram[k][k]), 1e-15);
        }
        double[] alpha = new double[tasks];
        if (tasks == 1) {
            alpha[0] = 1;
            return alpha;
        }
        // D rows: g_1 − g_a; U rows: u_1 − u_b (a, b = 2..K); entries (D Uᵀ)[a][b] and (g_1 Uᵀ)[b].
        DMatrixRMaj duT = new DMatrixRMaj(tasks - 1, tasks - 1);
        DMatrixRMaj g1uT = new DMatrixRMaj(tasks - 1, 1);
        for (int b = 1; b < tasks; b++) {
            g1uT.set(b - 1, 0, gram[0][0] / norms[0] - gram[0][b] / norms[b]);
            for (int a = 1; a < tasks; a++) {
                duT.set(a - 1, b - 1, gram[0][0] / norms[0] - gram[0][b] / norms[b]
                        - gram[a][0] / norms[0] + gram[a][b] / norms[b]);
            }
        }
        // x (D Uᵀ) = g_1 Uᵀ  <=>  (D Uᵀ)ᵀ xᵀ = (g_1 Uᵀ)ᵀ, through the pseudo-inverse: parallel or vanishing
        // gradients make D Uᵀ singular up to rounding, where a plain solve returns huge or NaN weights.
        DMatrixRMaj inverse = new DMatrixRMaj(tasks - 1, tasks - 1);
        CommonOps_DDRM.pinv(CommonOps_DDRM.transpose(duT, null), inverse);
        DMatrixRMaj x = CommonOps_DDRM.mult(inverse, g1uT, null);
        double rest = 0;
        for (int k = 1; k < tasks; k++) {
            alpha[k] = x.get(k - 1, 0);
            rest += alpha[k];
        }
        alpha[0] = 1 - rest;
        return alpha;
    }

    /** Registers {@link #DESCRIPTOR} and {@link #WITH_ROTATIONS} with {@link Methods}. */
    @AutoService(MethodRegistration.class)
    public static final class Registration implements MethodRegistration {
        @Override
        public List<MethodDescriptor> descriptors() {
            return List.of(DESCRIPTOR, WITH_ROTATIONS);
        }
    }
}
