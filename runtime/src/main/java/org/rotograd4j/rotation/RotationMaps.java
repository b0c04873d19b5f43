package org.rotograd4j.rotation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The K task rotations as linear maps on rows of {@code m} numbers, with or without their autograd graph:
 * what {@link SubspaceRotation} applies to features and gradients. Rows are {@code [N, m]}; applying
 * {@code R} to each row {@code v} gives {@code R v}, that is {@code rows · Rᵀ}.
 */
public interface RotationMaps {

    /**
     * Returns the number of tasks.
     *
     * @return K
     */
    int numTasks();

    /**
     * Applies {@code R_k} to every row.
     *
     * @param rows {@code [N, m]}
     * @param k the task
     * @return {@code rows · R_kᵀ}, {@code [N, m]}
     */
    NDArray apply(NDArray rows, int k);

    /**
     * Applies {@code R_kᵀ} to every row, which undoes {@link #apply}.
     *
     * @param rows {@code [N, m]}
     * @param k the task
     * @return {@code rows · R_k}, {@code [N, m]}
     */
    NDArray applyTransposed(NDArray rows, int k);

    /**
     * Applies every task's rotation to every row.
     *
     * @param rows {@code [N, m]}
     * @return {@code (K, N, m)}: {@code rows · R_kᵀ} for each k
     */
    default NDArray applyAll(NDArray rows) {
        NDList each = new NDList(numTasks());
        for (int k = 0; k < numTasks(); k++) {
            each.add(apply(rows, k));
        }
        return NDArrays.stack(each);
    }

    /**
     * Returns task k's rotation as a matrix, for inspection ({@code O(m³)} for maps that never form it).
     *
     * @param k the task
     * @return {@code R_k}, {@code (m, m)}
     */
    NDArray matrix(int k);

    /**
     * Returns the same maps without autograd history, to rotate features and gradients with the rotations
     * held constant.
     *
     * @return the detached maps
     */
    RotationMaps detached();

    /**
     * Maps given by their matrices.
     *
     * @param matrices {@code R}, {@code (K, m, m)}
     * @return the maps
     */
    static RotationMaps of(NDArray matrices) {
        return new Dense(matrices);
    }

    /** Rotations held as matrices {@code (K, m, m)}. */
    final class Dense implements RotationMaps {
        private final NDArray matrices;

        private Dense(NDArray matrices) {
            this.matrices = matrices;
        }

        @Override
        public int numTasks() {
            return (int) matrices.getShape().get(0);
        }

        @Override
        public NDArray apply(NDArray rows, int k) {
            return rows.matMul(matrices.get(k).transpose());
        }

        @Override
        public NDArray applyTransposed(NDArray rows, int k) {
            return rows.matMul(matrices.get(k));
        }

        @Override
        public NDArray applyAll(NDArray rows) {
            // (N, m) @ (K, m, m)ᵀ → (K, N, m), one batched product.
            return rows.matMul(matrices.transpose(0, 2, 1));
        }

        @Override
        public NDArray matrix(int k) {
            return matrices.get(k);
        }

        @Override
        public RotationMaps detached() {
            return new Dense(matrices.stopGradient());
        }
    }
}
