package org.rotograd4j.optim;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}: {@code b ← μ b + g} (the first {@code b = g}),
 * {@code w ← w − η b}, with optional L2 weight decay added to {@code g}. A DJL {@link
 * ai.djl.training.optimizer.Optimizer}, exact in float64.
 */
public final class Sgd extends ExactOptimizer {

    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final Map<String, NDArray> buffers = new HashMap<>();

    private Sgd(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder without momentum or weight decay; set a learning rate before building
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void apply(String parameterId, NDArray weight, NDArray grad, double rate, int step) {
        NDArray direction = grad;
        if (momentum != 0) {
            NDArray buffer = buffers.get(parameterId);
            if (buffer == null) {
                buffer = newState(weight);
                buffer.addi(grad);
                buffers.put(parameterId, buffer);
            } else {
                buffer.muli(momentum).addi(grad);
            }
            direction = buffer;
        }
        weight.subi(direction.mul(rate));
    }

    @Override
    public List<String> stateNames() {
        return momentum == 0 ? List.of() : List.of(MOMENTUM_BUFFER);
    }

    @Override
    public Map<String, NDArray> stateArrays(String parameterId) {
        NDArray buffer = buffers.get(parameterId);
        return buffer == null ? Map.of() : Map.of(MOMENTUM_BUFFER, buffer);
    }

    @Override
    void replaceArrays(String parameterId, Map<String, NDArray> arrays) {
        NDArray previous = arrays.isEmpty() ? buffers.remove(parameterId)
                : buffers.put(parameterId, arrays.get(MOMENTUM_BUFFER));
        if (previous != null) {
            previous.close();
        }
    }

    /** Builds {@link Sgd}. */
    public static final class Builder extends ExactOptimizer.Builder<Builder> {
        private double momentum;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the momentum; default 0.
         *
         * @param momentum μ in [0, 1); 0 keeps no buffer
         * @return this builder
         * @throws IllegalArgumentException when {@code momentum} is outside [0, 1)
         */
        public Builder optMomentum(double momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer, without state
         * @throws IllegalStateException without a learning rate
         */
        public Sgd build() {
            return new Sgd(this);
        }
    }
}
