package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * What a {@link MultiTaskMethod} combines at one training step.
 *
 * @param gradients {@code G_k = ∂L_k/∂z} of every task, in the space of the shared feature z
 *     (rotations undone), without autograd history
 * @param norms {@code ||G_k||}, the Frobenius norm over the whole batch
 * @param losses the task losses {@code L_k} (times their loss weights)
 * @param normalizedLosses {@code L_k / L_k^0}, the losses over their reference values
 * @param step the 0-based index of this training step
 * @param anchorStep whether references ("initial" values) are (re)set at this step: step 0 and the end
 *     of the burn-in period
 */
public record TaskGradients(
        NDList gradients, double[] norms, double[] losses, double[] normalizedLosses, int step, boolean anchorStep) {

    /**
     * Returns the number of tasks.
     *
     * @return K, the number of gradients
     */
    public int numTasks() {
        return gradients.size();
    }

    /**
     * Returns the Gram matrix of the task gradients, computed in double precision.
     *
     * @return a new K×K symmetric matrix {@code M[j][k] = <G_j, G_k>}, row by row
     */
    public double[][] gram() {
        int tasks = numTasks();
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
