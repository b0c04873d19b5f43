package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link MultiTaskMethod} combines at one training step: the task gradients of the rows it combines,
 * and the statistics of the whole batch.
 *
 * <p>In a one-device step the rows are the whole batch. In a sharded step (see {@link
 * org.rotograd4j.train.MultiTaskConfig.Builder#optDevices}) {@link #gradients()} holds one shard's rows,
 * starting at row {@link #firstRow()} of the batch, while {@link #norms()}, {@link #gram()} and the losses are
 * those of the whole batch, reduced over the shards. A method that computes its weights from these
 * statistics and applies them row by row gives each shard its rows of the one-device result.
 */
public final class TaskGradients {

    private final NDList gradients;
    private final long firstRow;
    private final long batchSize;
    private final double[] norms;
    private final Supplier<double[][]> gram;
    private final double[] losses;
    private final double[] normalizedLosses;
    private final int step;
    private final boolean anchorStep;
    private double[][] gramValue;

    /**
     * Describes a one-device step: the gradients are those of the whole batch.
     *
     * @param gradients {@code G_k = ∂L_k/∂z} of every task over the whole batch, in the space of the shared
     *     feature z (rotations undone), without autograd history
     * @param norms {@code ||G_k||}, the Frobenius norm over the whole batch
     * @param losses the task losses {@code L_k} (times their loss weights)
     * @param normalizedLosses {@code L_k / L_k^0}, the losses over their reference values
     * @param step the 0-based index of this training step
     * @param anchorStep whether references ("initial" values) are (re)set at this step: step 0 and the end of
     *     the burn-in period
     */
    public TaskGradients(
            NDList gradients, double[] norms, double[] losses, double[] normalizedLosses, int step, boolean anchorStep) {
        this(gradients, 0, gradients.get(0).getShape().get(0), norms, () -> gramOf(gradients), losses,
                normalizedLosses, step, anchorStep);
    }

    /**
     * Describes one shard of a sharded step.
     *
     * @param gradients this shard's rows of every task's {@code G_k}, without autograd history
     * @param firstRow the index in the whole batch of the shard's first row
     * @param batchSize the number of rows of the whole batch
     * @param norms {@code ||G_k||} over the whole batch
     * @param gram gives the Gram matrix of the whole batch's task gradients; called at most once
     * @param losses the task losses {@code L_k} of the whole batch
     * @param normalizedLosses {@code L_k / L_k^0}
     * @param step the 0-based index of this training step
     * @param anchorStep whether references are (re)set at this step
     * @throws IllegalArgumentException when the shard's rows do not lie in the batch
     */
    public TaskGradients(NDList gradients, long firstRow, long batchSize, double[] norms, Supplier<double[][]> gram,
            double[] losses, double[] normalizedLosses, int step, boolean anchorStep) {
        this.gradients = Objects.requireNonNull(gradients, "gradients");
        long rows = gradients.get(0).getShape().get(0);
        if (firstRow < 0 || firstRow + rows > batchSize) {
            throw new IllegalArgumentException("a shard of " + rows + " rows from row " + firstRow
                    + " does not lie in a batch of " + batchSize);
        }
        this.firstRow = firstRow;
        this.batchSize = batchSize;
        this.norms = norms;
        this.gram = Objects.requireNonNull(gram, "gram");
        this.losses = losses;
        this.normalizedLosses = normalizedLosses;
        this.step = step;
        this.anchorStep = anchorStep;
    }

    /**
     * Returns the task gradients of the rows to combine.
     *
     * @return {@code G_k = ∂L_k/∂z} of every task, in task order, rows {@link #firstRow()} onwards of the batch
     *     (all of them in a one-device step), without autograd history
     */
    public NDList gradients() {
        return gradients;
    }

    /**
     * Returns the index in the whole batch of the first row of {@link #gradients()}.
     *
     * @return 0 in a one-device step; the shard's offset in a sharded one. Methods that draw random numbers
     *     per sample derive them from the sample's index in the batch, so that they do not depend on the split.
     */
    public long firstRow() {
        return firstRow;
    }

    /**
     * Returns the number of samples of the whole batch.
     *
     * @return the batch size, of which {@link #gradients()} may hold a part
     */
    public long batchSize() {
        return batchSize;
    }

    /**
     * Returns the norms of the task gradients over the whole batch.
     *
     * @return {@code ||G_k||}, the Frobenius norm of each task's gradient over the whole batch
     */
    public double[] norms() {
        return norms;
    }

    /**
     * Returns the task losses.
     *
     * @return {@code L_k} of the whole batch (times the tasks' loss weights)
     */
    public double[] losses() {
        return losses;
    }

    /**
     * Returns the losses over their reference values.
     *
     * @return {@code L_k / L_k^0}
     */
    public double[] normalizedLosses() {
        return normalizedLosses;
    }

    /**
     * Returns the index of this training step.
     *
     * @return the 0-based step index
     */
    public int step() {
        return step;
    }

    /**
     * Returns whether references ("initial" values) are (re)set at this step.
     *
     * @return {@code true} at step 0 and at the end of the burn-in period
     */
    public boolean anchorStep() {
        return anchorStep;
    }

    /**
     * Returns the number of tasks.
     *
     * @return K, the number of gradients
     */
    public int numTasks() {
        return gradients.size();
    }

    /**
     * Returns the Gram matrix of the task gradients over the whole batch, computed in double precision once.
     *
     * @return a new K×K symmetric matrix {@code M[j][k] = <G_j, G_k>}, row by row
     */
    public double[][] gram() {
        if (gramValue == null) {
            gramValue = gram.get();
        }
        double[][] copy = new double[gramValue.length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = gramValue[j].clone();
        }
        return copy;
    }

    /**
     * Computes the Gram matrix of some task gradients in double precision.
     *
     * @param gradients the gradients, all of one shape
     * @return a new K×K matrix {@code M[j][k] = <G_j, G_k>}, row by row
     */
    public static double[][] gramOf(NDList gradients) {
        int tasks = gradients.size();
        NDArray stacked = NDArrays.stack(new NDList(gradients.stream().map(g -> g.reshape(-1)).toList()))
                .toType(DataType.FLOAT64, false);
        double[] flat = stacked.matMul(stacked.transpose()).toDoubleArray();
        double[][] gram = new double[tasks][tasks];
        for (int j = 0; j < tasks; j++) {
            System.arraycopy(flat, j * tasks, gram[j], 0, tasks);
        }
        return gram;
    }
}
