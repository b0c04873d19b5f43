package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A multi-task training method: how the per-task gradients at the shared feature become the one
 * gradient the backbone receives, and whether the task rotations learn.
 *
 * <p>A method may keep state across steps (reference norms, learned weights). State that {@link
 * #combine} computes is made permanent only by {@link #commit()}, which the trainer calls once the
 * step has been applied, so that a failed step changes nothing.
 */
public interface MultiTaskMethod {

    /** Returns the method's name, as the paper writes it. */
    String name();

    /** Returns whether the task rotations learn under this method. */
    boolean rotates();

    /**
     * Returns whether the rotations learn from the task losses, as the network does (the paper's
     * IMTL-G+R_k), instead of from RotoGrad's rotation loss; read only when {@link #rotates()}.
     */
    default boolean rotationsLearnFromTaskLosses() {
        return false;
    }

    /**
     * Creates the method's own trainable parameters, if any.
     *
     * @param manager the manager of the model's parameters
     * @param dataType the model's data type
     * @param numTasks the number of tasks
     */
    default void initialize(NDManager manager, DataType dataType, int numTasks) {}

    /** Returns the method's own trainable parameters; they learn with the rotations' optimizer. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Combines one step's task gradients.
     *
     * @param gradients the task gradients and losses
     * @return the backbone gradient and the weight given to each task
     */
    Combination combine(TaskGradients gradients);

    /** Makes the state computed by the last {@link #combine} permanent. */
    default void commit() {}

    /** Returns {@code Σ_k weights[k] · G_k}. */
    static NDArray weightedSum(NDList gradients, double[] weights) {
        NDArray sum = gradients.get(0).mul(weights[0]);
        for (int k = 1; k < gradients.size(); k++) {
            sum = sum.add(gradients.get(k).mul(weights[k]));
        }
        return sum;
    }
}
