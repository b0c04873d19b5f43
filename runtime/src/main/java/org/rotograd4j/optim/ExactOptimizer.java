package org.rotograd4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Base of the optimizers that follow {@code torch.optim} to the last rounding: hyperparameters in double
 * precision, a step count per parameter, and state kept in the parameter's manager.
 */
abstract class ExactOptimizer extends Optimizer {

    private final LearningRateSchedule schedule;
    private final double weightDecay;
    private final Map<String, Integer> updates = new HashMap<>();

    ExactOptimizer(LearningRateSchedule schedule, double weightDecay) {
        super(new NoOptions());
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.schedule = schedule;
        this.weightDecay = weightDecay;
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
    static NDArray state(NDArray weight) {
        NDArray state = weight.zerosLike();
        NDScope.unregister(state);
        return state;
    }

    /** Returns the number of updates made so far to the parameter. */
    public int updates(String parameterId) {
        return updates.getOrDefault(parameterId, 0);
    }

    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
