package org.rotograd4j.rotation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

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
     * Returns the same maps on another device, keeping the autograd graph: gradients that reach the copy
     * flow back to the original's parameters.
     *
     * @param device where the rows to rotate are
     * @return the maps on {@code device}; this object when they are there already
     */
    RotationMaps toDevice(Device device);

    /**
     * Maps given by their matrices.
     *
     * @param matrices {@code R}, {@code (K, m, m)}
     * @return the maps
     */
    static RotationMaps of(NDArray matrices) {
        return new Dense(matrices, 1);
    }

    /**
     * Returns rows {@code [N, m]} as q blocks of {@code [N, m/q]}, {@code (q, N, m/q)}.
     *
     * @param rows the rows
     * @param blocks q
     * @return the blocks
     */
    static NDArray toBlocks(NDArray rows, int blocks) {
        long n = rows.getShape().get(0);
        return rows.reshape(n, blocks, -1).transpose(1, 0, 2);
    }

    /**
     * Undoes {@link #toBlocks}.
     *
     * @param blocked {@code (q, N, m/q)}
     * @return the rows, {@code [N, m]}
     */
    static NDArray fromBlocks(NDArray blocked) {
        long n = blocked.getShape().get(1);
        return blocked.transpose(1, 0, 2).reshape(n, -1);
    }

    /**
     * Assembles a block-diagonal matrix.
     *
     * @param blocks {@code (q, b, b)}
     * @return {@code (q·b, q·b)}
     */
    static NDArray blockDiagonal(NDArray blocks) {
        int q = (int) blocks.getShape().get(0);
        long b = blocks.getShape().get(1);
        NDList rows = new NDList(q);
        for (int j = 0; j < q; j++) {
            NDList row = new NDList(3);
            if (j > 0) {
                row.add(blocks.getManager().zeros(new Shape(b, j * b), blocks.getDataType()));
            }
            row.add(blocks.get(j));
            if (j < q - 1) {
                row.add(blocks.getManager().zeros(new Shape(b, (q - 1 - j) * b),
                        blocks.getDataType()));
            }
            rows.add(NDArrays.concat(row, 1));
        }
        return NDArrays.concat(rows, 0);
    }

    /** Rotations held as matrices: {@code (K, m, m)}, or {@code (K·q, m/q, m/q)} blocks. */
    final class Dense implements RotationMaps {
        private final NDArray matrices;
        private final int blocks;

        /**
         * Creates the maps.
         *
         * @param matrices {@code (K·q, m/q, m/q)}: task k's blocks are entries {@code k·q} to {@code k·q + q − 1}
         * @param blocks q
         */
        Dense(NDArray matrices, int blocks) {
            this.matrices = matrices;
            this.blocks = blocks;
        }

        @Override
        public int numTasks() {
            return (int) matrices.getShape().get(0) / blocks;
        }

        @Override
        public NDArray apply(NDArray rows, int k) {
            return fromBlocks(toBlocks(rows, blocks).matMul(blocksOf(k).transpose(0, 2, 1)));
        }

        @Override
        public NDArray applyTransposed(NDArray rows, int k) {
            return fromBlocks(toBlocks(rows, blocks).matMul(blocksOf(k)));
        }

        @Override
        public NDArray applyAll(NDArray rows) {
            if (blocks > 1) {
                return RotationMaps.super.applyAll(rows);
            }
            // (N, m) @ (K, m, m)ᵀ → (K, N, m), one batched product.
            return rows.matMul(matrices.transpose(0, 2, 1));
        }

        @Override
        public NDArray matrix(int k) {
            return blockDiagonal(blocksOf(k));
        }

        @Override
        public RotationMaps detached() {
            return new Dense(matrices.stopGradient(), blocks);
        }

        @Override
        public RotationMaps toDevice(Device device) {
            return device.equals(matrices.getDevice()) ? this : new Dense(matrices.toDevice(device, false), blocks);
        }

        private NDArray blocksOf(int k) {
            return matrices.get("{}:{}", k * blocks, (k + 1) * blocks);
        }
    }
}
