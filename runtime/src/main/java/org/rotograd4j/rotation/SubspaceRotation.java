package org.rotograd4j.rotation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import org.rotograd4j.Scalars;

/**
 * Where a rotation acts on the shared feature {@code z}: the first {@code m} entries of axis 1.
 *
 * <p>For vector features {@code [B, d]} this is {@code r = [R z[:m], z[m:]]} (the paper's subspace
 * rotation). For shaped features such as conv maps {@code [B, C, H, W]}, the channels are rotated
 * with the same {@code R} at every position (the reference's {@code rotation_shape=(C,)} with
 * {@code post_shape=(H, W)}).
 */
public final class SubspaceRotation {

    private final int size;
    private final FeatureAxis axis;

    /**
     * Creates the layout for rotations of size {@code m}.
     *
     * @param size the number of leading entries of axis 1 that are rotated, {@code m > 0}
     * @param axis what axis 1 is: features of a vector, or channels of a shaped feature
     */
    public SubspaceRotation(int size, FeatureAxis axis) {
        if (size <= 0) {
            throw new IllegalArgumentException("rotation size must be positive, got " + size);
        }
        this.size = size;
        this.axis = java.util.Objects.requireNonNull(axis, "axis");
    }

    /**
     * Returns the rotated axis.
     *
     * @return what axis 1 of the feature is: features or channels
     */
    public FeatureAxis axis() {
        return axis;
    }

    /**
     * Returns the rotation size.
     *
     * @return {@code m}, the number of leading entries of axis 1 that are rotated; positive
     */
    public int size() {
        return size;
    }

    /**
     * Checks that a feature of this shape can be rotated.
     *
     * @param featureShape the shared feature's shape, batch axis first
     * @throws IllegalArgumentException naming the shape when {@code m} is larger than axis 1
     */
    public void check(Shape featureShape) {
        if (axis == FeatureAxis.FEATURES && featureShape.dimension() != 2) {
            throw new IllegalArgumentException("rotating FEATURES needs a vector feature [B, d], got shape "
                    + featureShape + "; rotate CHANNELS for shaped features");
        }
        if (axis == FeatureAxis.CHANNELS && featureShape.dimension() < 3) {
            throw new IllegalArgumentException("rotating CHANNELS needs a shaped feature [B, C, ...], got shape "
                    + featureShape + "; rotate FEATURES for vector features");
        }
        if (featureShape.get(1) < size) {
            throw new IllegalArgumentException("rotation size " + size + " is larger than the shared feature's "
                    + (axis == FeatureAxis.FEATURES ? "dimension " : "channel count ") + featureShape.get(1)
                            + " (feature shape " + featureShape + ")");
        }
    }

    /**
     * Rotates a feature.
     *
     * @param z the feature, {@code [B, d, post...]}
     * @param rotations the task rotations
     * @param k the task
     * @return {@code z} with its first {@code m} entries of axis 1 replaced by {@code R_k z[:m]}
     */
    public NDArray rotate(NDArray z, RotationMaps rotations, int k) {
        return placeRows(z, rotations.apply(rows(asBatchFeaturePost(z)), k));
    }

    /**
     * Undoes {@link #rotate}: {@code R_kᵀ} on the rotated block. Applied to {@code ∂L/∂r} it gives
     * {@code ∂L/∂z}.
     *
     * @param r a rotated feature, or a gradient with respect to one, {@code [B, d, post...]}
     * @param rotations the task rotations that {@link #rotate} applied
     * @param k the task
     * @return {@code r} with its first {@code m} entries of axis 1 replaced by {@code R_kᵀ r[:m]}
     */
    public NDArray rotateBack(NDArray r, RotationMaps rotations, int k) {
        return placeRows(r, rotations.applyTransposed(rows(asBatchFeaturePost(r)), k));
    }

    /** Puts rotated rows back in the feature's layout, with the unrotated tail. */
    private NDArray placeRows(NDArray z, NDArray rotatedRows) {
        Shape shape = z.getShape();
        NDArray flat = asBatchFeaturePost(z);
        long batch = shape.get(0);
        long positions = flat.getShape().get(2);
        NDArray rotated = rotatedRows.reshape(batch, positions, size).transpose(0, 2, 1);
        if (shape.get(1) > size) {
            rotated = rotated.concat(flat.get(":, {}:, :", size), 1);
        }
        return rotated.reshape(shape);
    }

    /**
     * The reference's rotation loss {@code Σ ||R_k v − g̃_k||²} of every task at once, differentiable
     * with respect to the rotations.
     *
     * <p>The unrotated tail enters as a constant. Vector features sum over the batch (the paper's
     * {@code Σ_n}); shaped features sum per sample and average over the batch, as the authors' library
     * does.
     *
     * @param target the target {@code v}, same shape as the feature
     * @param rotatedGradients {@code ∂L_k/∂r_k} of every task, one per task
     * @param rotations the task rotations, with their autograd graph
     * @param batchSize the number of samples of the whole batch, of which {@code target} may hold one shard's
     *     rows: shaped features average over it, so that the shards' losses add up to the batch's
     * @return the K rotation losses (of the given rows)
     */
    public NDArray rotationLoss(NDArray target, NDList rotatedGradients, RotationMaps rotations, long batchSize) {
        int tasks = rotatedGradients.size();
        Shape shape = target.getShape();
        long batch = shape.get(0);
        NDArray v = asBatchFeaturePost(target);
        NDArray g = NDArrays.concat(rotatedGradients).reshape(tasks * batch, shape.get(1), -1);
        // (K, N, m): R_k v for every task, sample and position.
        NDArray rv = rotations.applyAll(rows(v));
        NDArray losses = rv.sub(rows(g).reshape(tasks, -1, size)).square().reshape(tasks, -1).sum(new int[] {1});
        if (shape.get(1) > size) {
            NDArray gTail = g.get(":, {}:, :", size).reshape(tasks, batch, shape.get(1) - size, -1);
            NDArray tail = v.get(":, {}:, :", size).expandDims(0).sub(gTail);
            losses = losses.add(tail.square().reshape(tasks, -1).sum(new int[] {1}));
        }
        return shape.dimension() > 2 ? Scalars.dividedBy(losses, batchSize) : losses;
    }

    /**
     * The rotated block of {@code [B, d, P]} as rows {@code [B·P, m]}, one per sample and position, so
     * that rotating is one matrix product with {@code Rᵀ} (a broadcast product would copy R per sample).
     */
    private NDArray rows(NDArray flat) {
        return flat.get(":, :{}, :", size).transpose(0, 2, 1).reshape(-1, size);
    }

    private static NDArray asBatchFeaturePost(NDArray z) {
        Shape shape = z.getShape();
        return z.reshape(shape.get(0), shape.get(1), -1);
    }
}
