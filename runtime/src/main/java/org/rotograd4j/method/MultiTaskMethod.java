package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Set;
import org.rotograd4j.checkpoint.SavedState;

/**
 * A multi-task training method: how the per-task gradients at the shared feature become the one
 * gradient the backbone receives, and whether the task rotations learn.
 *
 * <p>A method may keep state across steps (reference norms, learned weights, the position of its random
 * generator). State that {@link #combine} computes is made permanent only by {@link #commit()}, which the
 * trainer calls once the step has been applied, so that a failed or skipped step changes nothing. That
 * state goes into checkpoints through {@link #saveState()} and {@link #prepareRestore}; the method's
 * trainable {@link #parameters()} are saved with the model's.
 */
public interface MultiTaskMethod {

    /**
     * Returns what the method is: its names, hyperparameters, paper and factory.
     *
     * @return the descriptor, the class's {@code DESCRIPTOR} for the methods of this package
     */
    MethodDescriptor descriptor();

    /**
     * Returns the values of the descriptor's hyperparameters that this instance uses.
     *
     * @return one value per {@link MethodDescriptor#hyperparameters()} entry, in their order; empty (the
     *     default) for methods without hyperparameters
     */
    default double[] hyperparameters() {
        return new double[0];
    }

    /**
     * Returns the method's id: its name and every hyperparameter value, defaults included, in canonical form
     * (see {@link MethodDescriptor}). {@link Methods#parse} reads it back to an equal method; comparisons and
     * checkpoints key by it.
     *
     * @return for example {@code cagrad:0.4}, {@code pcgrad:0} or {@code rotograd}
     */
    default String id() {
        return descriptor().id(hyperparameters());
    }

    /**
     * Returns the method's name, as the paper writes it.
     *
     * @return the descriptor's {@link MethodDescriptor#displayName()}, such as {@code RotoGrad} or {@code
     *     IMTL-G+R_k}
     */
    default String name() {
        return descriptor().displayName();
    }

    /**
     * Returns whether the task rotations learn under this method.
     *
     * @return the descriptor's {@link MethodDescriptor#rotates()}: {@code true} when the model needs rotations
     *     and the trainer a rotation optimizer
     */
    default boolean rotates() {
        return descriptor().rotates();
    }

    /**
     * Returns whether the rotations learn from the task losses, as the network does (the paper's
     * IMTL-G+R_k), instead of from RotoGrad's rotation loss; read only when {@link #rotates()}.
     *
     * @return {@code true} for task-loss rotations; {@code false} (the default) for RotoGrad's rotation loss
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

    /**
     * Returns the method's own trainable parameters; they learn with the rotations' optimizer.
     *
     * @return the parameters made by {@link #initialize}; empty (the default) for methods without any
     */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Combines one step's task gradients.
     *
     * <p>In a sharded step the trainer calls this once per shard, with the shard's rows and the whole batch's
     * statistics ({@link TaskGradients#norms()}, {@link TaskGradients#gram()}, the losses), before {@link
     * #commit()}. The result must depend only on those and on the committed state: every call of a step then
     * gives the same weights, auxiliary loss and pending state, and the shard's rows of the combined gradient.
     * Methods that weight the task gradients (all of this package's) do so by construction; per-sample random
     * numbers come from {@link TaskGradients#firstRow()}.
     *
     * @param gradients the task gradients and losses
     * @return the backbone gradient (for the rows of {@code gradients}) and the weight given to each task
     */
    Combination combine(TaskGradients gradients);

    /** Makes the state computed by the last {@link #combine} permanent. */
    default void commit() {}

    /**
     * Returns the state the method keeps across steps, for checkpoints.
     *
     * @return the committed state; {@link SavedState#EMPTY} (the default) for stateless methods
     */
    default SavedState saveState() {
        return SavedState.EMPTY;
    }

    /**
     * Checks a state written by {@link #saveState()} and returns what installs it, changing nothing
     * before that action runs.
     *
     * @param state the saved state
     * @return the action that installs it
     * @throws IllegalArgumentException naming the entry that does not fit this method
     */
    default Runnable prepareRestore(SavedState state) {
        state.requireOnly(Set.of());
        return () -> {};
    }

    /**
     * Returns a weighted sum of task gradients.
     *
     * @param gradients the gradients {@code G_k}, all of one shape; at least one
     * @param weights one factor per gradient
     * @return {@code Σ_k weights[k] · G_k}, a new array shaped like each gradient
     */
    static NDArray weightedSum(NDList gradients, double[] weights) {
        NDArray sum = gradients.get(0).mul(weights[0]);
        for (int k = 1; k < gradients.size(); k++) {
            sum = sum.add(gradients.get(k).mul(weights[k]));
        }
        return sum;
    }
}
