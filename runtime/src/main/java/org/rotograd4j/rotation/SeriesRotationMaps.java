package org.rotograd4j.rotation;

import ai.djl.ndarray.NDArray;
import org.rotograd4j.Scalars;

/**
 * {@code R_k = B_k · E(S_k)} with {@code E(S) = I + S + S²/2 + S³/6}, the degree-3 series of {@code expm},
 * applied to rows without ever forming an {@code m×m} product: each term is one {@code [N, m]·[m, m]}
 * product. Used by {@link RotationParametrization#TRIVIALIZED}, where {@code S} stays small between base
 * updates (its error {@code ||S||⁴/24} is far below float32's resolution there).
 */
final class SeriesRotationMaps implements RotationMaps {

    private static final int DEGREE = 3;

    private final NDArray base;
    private final NDArray skew;

    /**
     * Creates the maps.
     *
     * @param base {@code B}, {@code (K, m, m)}, orthogonal
     * @param skew {@code S}, {@code (K, m, m)}, skew-symmetric, with or without autograd graph
     */
    SeriesRotationMaps(NDArray base, NDArray skew) {
        this.base = base;
        this.skew = skew;
    }

    @Override
    public int numTasks() {
        return (int) base.getShape().get(0);
    }

    @Override
    public NDArray apply(NDArray rows, int k) {
        // rows · (B E)ᵀ = (rows · E(S)ᵀ) · Bᵀ, and E(S)ᵀ = E(Sᵀ).
        return series(rows, skew.get(k).transpose()).matMul(base.get(k).transpose());
    }

    @Override
    public NDArray applyTransposed(NDArray rows, int k) {
        // rows · B E = (rows · B) · E(S).
        return series(rows.matMul(base.get(k)), skew.get(k));
    }

    @Override
    public NDArray matrix(int k) {
        NDArray identity = skew.getManager().eye((int) skew.getShape().get(1)).toType(skew.getDataType(), false);
        return base.get(k).matMul(series(identity, skew.get(k)));
    }

    @Override
    public RotationMaps detached() {
        return new SeriesRotationMaps(base, skew.stopGradient());
    }

    /** Returns {@code x · (I + M + M²/2 + M³/6)}. */
    private static NDArray series(NDArray x, NDArray m) {
        NDArray sum = x;
        NDArray term = x;
        for (int i = 1; i <= DEGREE; i++) {
            term = Scalars.dividedBy(term.matMul(m), i);
            sum = sum.add(term);
        }
        return sum;
    }
}
