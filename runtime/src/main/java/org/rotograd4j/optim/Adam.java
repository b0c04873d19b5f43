package org.rotograd4j.optim;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam as {@code torch.optim.Adam}: bias correction with each parameter's own step count, and
 * {@code ε} added after the bias-corrected square root. A DJL {@link
 * ai.djl.training.optimizer.Optimizer}, exact in float64.
 */
public final class Adam extends ExactOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private static final List<String> STATE_NAMES = List.of("exp_avg", "exp_avg_sq");

    private final Map<String, NDArray[]> moments = new HashMap<>();

    private Adam(Builder builder) {
        super(builder);
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder with torch's defaults; set a learning rate before building
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void apply(String parameterId, NDArray weight, NDArray grad, double rate, int step) {
        NDArray[] state = moments.computeIfAbsent(parameterId, id -> new NDArray[] {newState(weight), newState(weight)});
        NDArray mean = state[0].muli(beta1).addi(grad.mul(1 - beta1));
        NDArray square = state[1].muli(beta2).addi(grad.square().mul(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        NDArray denominator = square.sqrt().div(correction2).add(epsilon);
        weight.subi(mean.div(denominator).mul(rate / correction1));
    }

    @Override
    public List<String> stateNames() {
        return STATE_NAMES;
    }

    @Override
    public Map<String, NDArray> stateArrays(String parameterId) {
        NDArray[] state = moments.get(parameterId);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        if (state != null) {
            arrays.put(STATE_NAMES.get(0), state[0]);
            arrays.put(STATE_NAMES.get(1), state[1]);
        }
        return arrays;
    }

    @Override
    void replaceArrays(String parameterId, Map<String, NDArray> arrays) {
        NDArray[] previous = arrays.isEmpty() ? moments.remove(parameterId)
                : moments.put(parameterId, new NDArray[] {arrays.get(STATE_NAMES.get(0)), arrays.get(STATE_NAMES.get(1))});
        if (previous != null) {
            previous[0].close();
            previous[1].close();
        }
    }

    /** Builds {@link Adam}. */
    public static final class Builder extends ExactOptimizer.Builder<Builder> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the moment decay rates; default 0.9 and 0.999.
         *
         * @param beta1 the decay of the gradient's running mean; in [0, 1)
         * @param beta2 the decay of the squared gradient's running mean; in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException when a beta is outside [0, 1)
         */
        public Builder optBetas(double beta1, double beta2) {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets ε; default 1e-8.
         *
         * @param epsilon what is added to the bias-corrected square root, for numerical stability
         * @return this builder
         */
        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer, without state
         * @throws IllegalStateException without a learning rate
         */
        public Adam build() {
            return new Adam(this);
        }
    }
}
