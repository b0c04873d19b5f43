package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rotograd4j.train.GradientSpace;

/**
 * Aligned-MTL (Senushkin et al., CVPR 2023): the task gradients are replaced by the closest orthogonal
 * gradients of equal norm ({@code Ĝ = σ_min·V Λ^{-1/2} Vᵀ G} from the eigen-decomposition {@code G Gᵀ = V Λ
 * Vᵀ}, σ_min the smallest singular value), which removes conflicts and dominance; the backbone receives
 * {@code Σ_k Ĝ_k}. A K×K symmetric eigen-decomposition: O(K²·|z| + K³).
 *
 * <p>The paper works on the shared parameters' gradients: {@code GradientSpace.PARAMETERS} reproduces it.
 */
public final class AlignedMtl implements GramWeightedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("aligned-mtl", "Aligned-MTL")
            .summary("orthogonal equal-norm aligned gradients")
            .paper("Senushkin et al. 2023", GradientSpace.PARAMETERS)
            .cost("O(K²·d + K³)")
            .factory(values -> new AlignedMtl())
            .build();

    private static final double EIGENVALUE_FLOOR = 1e-12;

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Returns the row sums of the balancing matrix {@code B = σ_min V Λ^{-1/2} Vᵀ}: the weights of the
     * original gradients.
     *
     * @param gram the Gram matrix of the task gradients
     * @return {@code B 1}, so that {@code Σ_k w_k G_k} is the sum of the aligned gradients {@code B G}
     */
    @Override
    public double[] weights(double[][] gram) {
        double[][] balance = balance(gram);
        double[] weights = new double[gram.length];
        for (int i = 0; i < gram.length; i++) {
            for (int k = 0; k < gram.length; k++) {
                weights[i] += balance[i][k];
            }
        }
        return weights;
    }

    /**
     * Returns {@code B = σ_min V Λ^{-1/2} Vᵀ} from {@code G Gᵀ = V Λ Vᵀ}, over the eigenvalues above a relative
     * floor (a rank-deficient part is dropped), so that the aligned gradients {@code B G} are orthogonal with
     * norm σ_min.
     */
    static double[][] balance(double[][] gram) {
        int tasks = gram.length;
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(tasks, true, true);
        if (!eigen.decompose(new DMatrixRMaj(gram))) {
            throw new IllegalStateException("Aligned-MTL: the eigen-decomposition of the Gram matrix failed");
        }
        double largest = 0;
        for (int i = 0; i < tasks; i++) {
            largest = Math.max(largest, eigen.getEigenvalue(i).getReal());
        }
        double floor = EIGENVALUE_FLOOR * largest;
        double smallest = Double.MAX_VALUE;
        for (int i = 0; i < tasks; i++) {
            double value = eigen.getEigenvalue(i).getReal();
            if (value > floor) {
                smallest = Math.min(smallest, value);
            }
        }
        double[][] balance = new double[tasks][tasks];
        if (largest <= 0) {
            return balance;
        }
        double sigmaMin = Math.sqrt(smallest);
        for (int e = 0; e < tasks; e++) {
            double value = eigen.getEigenvalue(e).getReal();
            if (value <= floor) {
                continue;
            }
            DMatrixRMaj v = eigen.getEigenVector(e);
            for (int i = 0; i < tasks; i++) {
                for (int k = 0; k < tasks; k++) {
                    balance[i][k] += sigmaMin / Math.sqrt(value) * v.get(i) * v.get(k);
                }
            }
        }
        return balance;
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
