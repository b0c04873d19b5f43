package org.rotograd4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the optimizers that follow {@code torch.optim} to the last rounding: hyperparameters in double
 * precision, a step count per parameter, and state kept in the parameter's manager.
 *
 * <p>Their whole state (each parameter's update count, which is also the position in the learning-rate
 * schedule, and arrays such as Adam's moments) can be read and replaced, so that checkpoints resume
 * training exactly.
 */
public abstract class ExactOptimizer extends Optimizer {

    private final LearningRateSchedule schedule;
    private final double weightDecay;
    private final Map<String, Integer> updates = new HashMap<>();

    ExactOptimizer(Builder<?> builder) {
        super(new NoOptions());
        if (builder.schedule == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs a learning rate");
        }
        this.schedule = builder.schedule;
        this.weightDecay = builder.weightDecay;
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        int done = updates.getOrDefault(parameterId, 0);
        double rate = schedule.rate(done);
        try (NDScope scope = new NDScope()) {
            NDArray g = weightDecay == 0 ? grad : grad.add(weight.mul(weightDecay));
            apply(parameterId, weight, g, rate, done + 1);
        }
        updates.put(parameterId, done + 1);
    }

    /**
     * Updates {@code weight} in place. Runs inside a scope that closes every array created on this
     * thread: state that must persist is created with {@link #state}.
     *
     * @param parameterId the parameter's id
     * @param weight the parameter, updated in place
     * @param grad its gradient, weight decay included
     * @param rate this update's learning rate
     * @param step the 1-based number of this update for this parameter
     */
    abstract void apply(String parameterId, NDArray weight, NDArray grad, double rate, int step);

    /** Returns a zero array like {@code weight} that outlives the update (optimizer state). */
    static NDArray newState(NDArray weight) {
        NDArray state = weight.zerosLike();
        NDScope.unregister(state);
        return state;
    }

    /**
     * Returns the number of updates made so far to a parameter: its position in the learning-rate schedule.
     *
     * @param parameterId the parameter's id
     * @return the updates, 0 for a parameter never updated (or unknown)
     */
    public int updates(String parameterId) {
        return updates.getOrDefault(parameterId, 0);
    }

    /**
     * Returns the names of the arrays kept for a parameter once it has been updated, as {@code torch.optim}
     * names them ({@code exp_avg}, {@code exp_avg_sq}, {@code momentum_buffer}).
     *
     * @return the names, in a fixed order; empty for stateless rules (SGD without momentum)
     */
    public abstract List<String> stateNames();

    /**
     * Returns the arrays kept for a parameter, by {@link #stateNames() name}: the optimizer's own arrays,
     * not copies; empty before the parameter's first update.
     *
     * @param parameterId the parameter's id
     * @return the arrays by name, in the order of {@link #stateNames()}
     */
    public abstract Map<String, NDArray> stateArrays(String parameterId);

    /**
     * Replaces what the optimizer keeps for a parameter, as checkpoints restore it. The caller has checked
     * the arrays: every {@link #stateNames() name} when {@code updateCount > 0}, none otherwise, each shaped
     * like the parameter and in its manager. The optimizer takes ownership of them and closes the arrays
     * it kept before.
     *
     * @param parameterId the parameter's id
     * @param updateCount the number of updates already made to it; 0 to reset it
     * @param arrays its arrays by name; empty when {@code updateCount} is 0
     */
    public void restoreState(String parameterId, int updateCount, Map<String, NDArray> arrays) {
        if (updateCount == 0) {
            updates.remove(parameterId);
        } else {
            updates.put(parameterId, updateCount);
        }
        replaceArrays(parameterId, arrays);
    }

    /**
     * Replaces a parameter's arrays, closing the previous ones.
     *
     * @param parameterId the parameter's id
     * @param arrays the new arrays by name, or none
     */
    abstract void replaceArrays(String parameterId, Map<String, NDArray> arrays);

    /**
     * What every exact optimizer is built with: the learning rate and the L2 weight decay.
     *
     * @param <T> the concrete builder
     */
    public abstract static class Builder<T extends Builder<T>> {
        private LearningRateSchedule schedule;
        private double weightDecay;

        Builder() {}

        abstract T self();

        /**
         * Sets a constant learning rate.
         *
         * @param rate the learning rate of every update; positive and finite
         * @return this builder
         * @throws IllegalArgumentException when {@code rate} is not positive and finite
         */
        public T setLearningRate(double rate) {
            return setLearningRate(LearningRateSchedule.constant(rate));
        }

        /**
         * Sets the learning-rate schedule (required).
         *
         * @param schedule the learning rate by the parameter's number of earlier updates
         * @return this builder
         */
        public T setLearningRate(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return self();
        }

        /**
         * Sets the L2 weight decay, added to the gradient as torch does; default 0.
         *
         * @param weightDecay the factor λ of {@code g + λ w}; 0 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code weightDecay} is negative or NaN
         */
        public T optWeightDecay(double weightDecay) {
            if (!(weightDecay >= 0)) {
                throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return self();
        }
    }

    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
