package org.rotograd4j.optim;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}: {@code b ← μ b + g} (the first {@code b = g}),
 * {@code w ← w − η b}, with optional L2 weight decay added to {@code g}. A DJL {@link
 * ai.djl.training.optimizer.Optimizer}, exact in float64.
 */
public final class Sgd extends ExactOptimizer {

    private final double momentum;
    private final Map<String, NDArray> buffers = new HashMap<>();

    private Sgd(Builder builder) {
        super(builder.schedule, builder.weightDecay);
        this.momentum = builder.momentum;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void apply(String parameterId, NDArray weight, NDArray grad, double rate, int step) {
        NDArray direction = grad;
        if (momentum != 0) {
            NDArray buffer = buffers.get(parameterId);
            if (buffer == null) {
                buffer = state(weight);
                buffer.addi(grad);
                buffers.put(parameterId, buffer);
            } else {
                buffer.muli(momentum).addi(grad);
            }
            direction = buffer;
        }
        weight.subi(direction.mul(rate));
    }

    /** Builds {@link Sgd}. */
    public static final class Builder {
        private LearningRateSchedule schedule;
        private double momentum;
        private double weightDecay;

        private Builder() {}

        /** Sets a constant learning rate. */
        public Builder setLearningRate(double rate) {
            return setLearningRate(LearningRateSchedule.constant(rate));
        }

        /** Sets the learning-rate schedule (required). */
        public Builder setLearningRate(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Sets the momentum μ in [0, 1); default 0. */
        public Builder optMomentum(double momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /** Sets the L2 weight decay; default 0. */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Builds the optimizer. */
        public Sgd build() {
            if (schedule == null) {
                throw new IllegalStateException("Sgd needs a learning rate");
            }
            return new Sgd(this);
        }
    }
}
