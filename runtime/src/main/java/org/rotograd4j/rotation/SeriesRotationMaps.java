package org.rotograd4j.rotation;

import ai.djl.Device;
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
    private final int blocks;

    /**
     * Creates the maps.
     *
     * @param base {@code B}, {@code (K·q, m/q, m/q)}, orthogonal
     * @param skew {@code S}, shaped like {@code base}, skew-symmetric, with or without autograd graph
     * @param blocks q, the blocks of each rotation; task k's are entries {@code k·q} to {@code k·q + q − 1}
     */
    SeriesRotationMaps(NDArray base, NDArray skew, int blocks) {
        this.base = base;
        this.skew = skew;
        this.blocks = blocks;
    }

    @Override
    public int numTasks() {
        return (int) base.getShape().get(0) / blocks;
    }

    @Override
    public NDArray apply(NDArray rows, int k) {
        // rows · (B E)ᵀ = (rows · E(S)ᵀ) · Bᵀ, and E(S)ᵀ = E(Sᵀ); per block, (q, N, b) · (q, b, b).
        NDArray x = RotationMaps.toBlocks(rows, blocks);
        NDArray rotated = series(x, of(skew, k).transpose(0, 2, 1)).matMul(of(base, k).transpose(0, 2, 1));
        return RotationMaps.fromBlocks(rotated);
    }

    @Override
    public NDArray applyTransposed(NDArray rows, int k) {
        // rows · B E = (rows · B) · E(S).
        NDArray x = RotationMaps.toBlocks(rows, blocks);
        return RotationMaps.fromBlocks(series(x.matMul(of(base, k)), of(skew, k)));
    }

    @Override
    public NDArray matrix(int k) {
        NDArray identity = skew.getManager().eye((int) skew.getShape().get(1)).toType(skew.getDataType(), false);
        NDArray rotations = of(base, k).matMul(series(identity.expandDims(0).repeat(0, blocks), of(skew, k)));
        return RotationMaps.blockDiagonal(rotations);
    }

    @Override
    public RotationMaps detached() {
        return new SeriesRotationMaps(base, skew.stopGradient(), blocks);
    }

    @Override
    public RotationMaps toDevice(Device device) {
        return device.equals(base.getDevice())
                ? this
                : new SeriesRotationMaps(base.toDevice(device, false), skew.toDevice(device, false), blocks);
    }

    /** Returns task k's blocks, {@code (q, b, b)}. */
    private NDArray of(NDArray perBlock, int k) {
        return perBlock.get("{}:{}", k * blocks, (k + 1) * blocks);
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
