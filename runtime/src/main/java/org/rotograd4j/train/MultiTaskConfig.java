package org.rotograd4j.train;

import ai.djl.Device;
import ai.djl.training.listener.TrainingListener;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.optim.OptimizerFactory;

/**
 * How a multi-task model trains, as one immutable value, the counterpart of DJL's {@code TrainingConfig}: what
 * each batch does (method, optimizers and their learning rates, loss normalization, burn-in, extra backbone
 * loss, what a non-finite value does, where gradients are combined) and what the loop does (epochs, batch
 * size, seed, listeners, checkpoints). {@link BatchTrainer} reads the first part, {@link
 * org.rotograd4j.fit.MultiTaskFit} the second, {@link org.rotograd4j.fit.MultiTaskTraining} and the generated
 * {@code <Model>Training} take the whole.
 *
 * <p>A configuration holds no state: the method and the optimizers, which keep state across steps, are
 * created anew for each trainer, so one configuration can train many models (a comparison, seeds).
 *
 * <pre>{@code
 * MultiTaskConfig config = MultiTaskConfig.builder()
 *         .optMethod(RotoGrad::new)
 *         .optNetworkLearningRate(1e-3)
 *         .optRotationLearningRate(LearningRateSchedule.twoTimescale(1e-4, 1e-3, 0))
 *         .optNormalizeLosses(true)
 *         .optEpochs(10).optBatchSize(128).optSeed(1)
 *         .build();
 * }</pre>
 */
public final class MultiTaskConfig {

    private final Supplier<? extends MultiTaskMethod> method;
    private final OptimizerFactory optimizer;
    private final LearningRateSchedule networkLearningRate;
    private final LearningRateSchedule rotationLearningRate;
    private final boolean normalizeLosses;
    private final int burnInPeriod;
    private final BackboneLoss backboneLoss;
    private final NonFinitePolicy nonFinitePolicy;
    private final GradientSpace gradientSpace;
    private final List<Device> devices;
    private final int epochs;
    private final int batchSize;
    private final Long seed;
    private final List<TrainingListener> listeners;
    private final boolean consoleProgress;
    private final CheckpointPolicy checkpoints;

    private MultiTaskConfig(Builder builder) {
        this.method = builder.method;
        this.optimizer = builder.optimizer;
        this.networkLearningRate = builder.networkLearningRate;
        this.rotationLearningRate = builder.rotationLearningRate;
        this.normalizeLosses = builder.normalizeLosses;
        this.burnInPeriod = builder.burnInPeriod;
        this.backboneLoss = builder.backboneLoss;
        this.nonFinitePolicy = builder.nonFinitePolicy;
        this.gradientSpace = builder.gradientSpace;
        this.devices = builder.devices;
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.listeners = List.copyOf(builder.listeners);
        this.consoleProgress = builder.consoleProgress;
        this.checkpoints = builder.checkpoints;
    }

    /**
     * Returns a builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the configuration with every default: RotoGrad when the model rotates (else Vanilla), Adam at
     * 1e-3 for the network and 1e-4 for the rotations, one epoch.
     *
     * @return the default configuration
     */
    public static MultiTaskConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder that starts from this configuration, to change some of it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.method = method;
        builder.optimizer = optimizer;
        builder.networkLearningRate = networkLearningRate;
        builder.rotationLearningRate = rotationLearningRate;
        builder.normalizeLosses = normalizeLosses;
        builder.burnInPeriod = burnInPeriod;
        builder.backboneLoss = backboneLoss;
        builder.nonFinitePolicy = nonFinitePolicy;
        builder.gradientSpace = gradientSpace;
        builder.devices = devices;
        builder.epochs = epochs;
        builder.batchSize = batchSize;
        builder.seed = seed;
        builder.listeners.addAll(listeners);
        builder.consoleProgress = consoleProgress;
        builder.checkpoints = checkpoints;
        return builder;
    }

    /**
     * Creates the method for a new trainer.
     *
     * @param rotates whether the model has rotations, which chooses the default method
     * @return a new method: the configured one, else RotoGrad for a model with rotations and Vanilla without
     */
    public MultiTaskMethod newMethod(boolean rotates) {
        if (method != null) {
            return Objects.requireNonNull(method.get(), "the configured method supplier returned null");
        }
        return rotates ? new org.rotograd4j.method.RotoGrad() : new org.rotograd4j.method.Vanilla();
    }

    /**
     * Returns the rule that makes both optimizers.
     *
     * @return the factory; {@link OptimizerFactory#ADAM} by default
     */
    public OptimizerFactory optimizer() {
        return optimizer;
    }

    /**
     * Returns the learning rate of backbone and heads.
     *
     * @return the schedule; a constant 1e-3 by default
     */
    public LearningRateSchedule networkLearningRate() {
        return networkLearningRate;
    }

    /**
     * Returns the learning rate of the rotations and of the method's own parameters.
     *
     * @return the schedule; by default a constant tenth of the network's first rate
     */
    public LearningRateSchedule rotationLearningRate() {
        if (rotationLearningRate != null) {
            return rotationLearningRate;
        }
        return LearningRateSchedule.constant(networkLearningRate.rate(0) / 10);
    }

    /**
     * Returns whether each task loss is divided by its reference value {@code L_k^0} before it is
     * back-propagated (the authors' {@code normalize_losses}).
     *
     * @return true to normalize; false by default
     */
    public boolean normalizeLosses() {
        return normalizeLosses;
    }

    /**
     * Returns the step at which the reference losses and gradient norms, first taken at step 0, are taken
     * again.
     *
     * @return the step; 20 by default, as in the authors' library
     */
    public int burnInPeriod() {
        return burnInPeriod;
    }

    /**
     * Returns the extra loss on the backbone alone.
     *
     * @return the loss, or {@code null} for none (the default)
     */
    @Nullable
    public BackboneLoss backboneLoss() {
        return backboneLoss;
    }

    /**
     * Returns what a non-finite loss or gradient does.
     *
     * @return the policy; {@link NonFinitePolicy#FAIL} by default
     */
    public NonFinitePolicy nonFinitePolicy() {
        return nonFinitePolicy;
    }

    /**
     * Returns where the method combines the task gradients.
     *
     * @return the space; {@link GradientSpace#FEATURE} by default
     */
    public GradientSpace gradientSpace() {
        return gradientSpace;
    }

    /**
     * Returns the devices each batch is split over.
     *
     * @return one device per shard, in shard order; empty (the default) for one shard on the model's device
     */
    public List<Device> devices() {
        return devices;
    }

    /**
     * Returns the number of epochs a fit trains in all (a resumed fit trains those that remain).
     *
     * @return the epochs; 1 by default
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns the batch size used with DJL {@code RandomAccessDataset}s.
     *
     * @return the size, or 0 (the default) to keep each dataset's own batching
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the seed of the parameters' initialization and of the training data's order.
     *
     * @return the seed, or {@code null} (the default) for a random one, which checkpoints record
     */
    @Nullable
    public Long seed() {
        return seed;
    }

    /**
     * Returns the DJL listeners notified of every batch and epoch.
     *
     * @return the listeners, in order
     */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /**
     * Returns whether a fit shows its progress and each epoch's results on the console.
     *
     * @return true by default
     */
    public boolean consoleProgress() {
        return consoleProgress;
    }

    /**
     * Returns when a fit writes checkpoints.
     *
     * @return the policy, or {@code null} (the default) for none
     */
    @Nullable
    public CheckpointPolicy checkpoints() {
        return checkpoints;
    }

    /** Builds a {@link MultiTaskConfig}. */
    public static final class Builder {
        private Supplier<? extends MultiTaskMethod> method;
        private OptimizerFactory optimizer = OptimizerFactory.ADAM;
        private LearningRateSchedule networkLearningRate = LearningRateSchedule.constant(1e-3);
        private LearningRateSchedule rotationLearningRate;
        private boolean normalizeLosses;
        private int burnInPeriod = 20;
        private BackboneLoss backboneLoss;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.FAIL;
        private GradientSpace gradientSpace = GradientSpace.FEATURE;
        private List<Device> devices = List.of();
        private int epochs = 1;
        private int batchSize;
        private Long seed;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean consoleProgress = true;
        private CheckpointPolicy checkpoints;

        private Builder() {}

        /**
         * Sets the method, made anew for each trainer: {@code optMethod(RotoGrad::new)}, {@code optMethod(() ->
         * Methods.parse("cagrad:0.5"))}.
         *
         * @param method creates the method
         * @return this builder
         */
        public Builder optMethod(Supplier<? extends MultiTaskMethod> method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the rule that makes the network's and the rotations' optimizers.
         *
         * @param optimizer the factory, such as {@link OptimizerFactory#SGD}
         * @return this builder
         */
        public Builder optOptimizer(OptimizerFactory optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets a constant learning rate for backbone and heads.
         *
         * @param rate the rate, positive
         * @return this builder
         */
        public Builder optNetworkLearningRate(double rate) {
            return optNetworkLearningRate(LearningRateSchedule.constant(rate));
        }

        /**
         * Sets the learning-rate schedule of backbone and heads.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder optNetworkLearningRate(LearningRateSchedule schedule) {
            this.networkLearningRate = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets a constant learning rate for the rotations and the method's own parameters.
         *
         * @param rate the rate, positive
         * @return this builder
         */
        public Builder optRotationLearningRate(double rate) {
            return optRotationLearningRate(LearningRateSchedule.constant(rate));
        }

        /**
         * Sets the learning-rate schedule of the rotations and the method's own parameters; make it smaller
         * and decay faster than the network's (paper §3.2), for example {@link LearningRateSchedule#twoTimescale}.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder optRotationLearningRate(LearningRateSchedule schedule) {
            this.rotationLearningRate = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Divides each task loss by its reference value {@code L_k^0} before back-propagating it, into heads
         * and backbone alike (the authors' {@code normalize_losses}).
         *
         * @param normalizeLosses whether to normalize
         * @return this builder
         */
        public Builder optNormalizeLosses(boolean normalizeLosses) {
            this.normalizeLosses = normalizeLosses;
            return this;
        }

        /**
         * Sets the step at which the reference losses and gradient norms are taken again.
         *
         * @param burnInPeriod the step, from 0
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder optBurnInPeriod(int burnInPeriod) {
            if (burnInPeriod < 0) {
                throw new IllegalArgumentException("burn-in period must be >= 0, got " + burnInPeriod);
            }
            this.burnInPeriod = burnInPeriod;
            return this;
        }

        /**
         * Adds an extra loss on the backbone alone.
         *
         * @param backboneLoss the loss
         * @return this builder
         */
        public Builder optBackboneLoss(BackboneLoss backboneLoss) {
            this.backboneLoss = Objects.requireNonNull(backboneLoss, "backbone loss");
            return this;
        }

        /**
         * Sets what a non-finite loss or gradient does.
         *
         * @param policy fail or skip the step
         * @return this builder
         */
        public Builder optNonFinitePolicy(NonFinitePolicy policy) {
            this.nonFinitePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets where the method combines the task gradients.
         *
         * @param gradientSpace the shared feature or the backbone's parameters
         * @return this builder
         */
        public Builder optGradientSpace(GradientSpace gradientSpace) {
            this.gradientSpace = Objects.requireNonNull(gradientSpace, "gradient space");
            return this;
        }

        /**
         * Splits each batch over several devices (data parallelism), one shard per device, as DJL's own trainers
         * split a batch over {@code Trainer.getDevices()}: the first {@code B mod n} shards get one row more.
         * Each shard runs its forward pass, task losses and feature gradients on its device, and the trainer
         * reduces across shards only what the method needs of the whole batch (task losses, squared gradient
         * norms, the Gram matrix when the method reads it, the parameters' gradients), so that a step equals the
         * one-device step on the whole batch up to rounding, for every method of this library. A device may be
         * listed more than once: {@code Device.cpu()} twice runs two shards one after the other on the CPU, which
         * is how the equality is tested. Task losses must be batch means (DJL's are), and layers whose training
         * pass depends on the whole batch (batch normalization) see only their shard, as in any data-parallel
         * training without synchronized statistics.
         *
         * @param devices one device per shard, at least one; the model's parameters must be on the first
         * @return this builder
         * @throws IllegalArgumentException if there are none
         */
        public Builder optDevices(Device... devices) {
            if (devices.length == 0) {
                throw new IllegalArgumentException("a sharded step needs at least one device");
            }
            this.devices = List.of(devices);
            return this;
        }

        /**
         * Sets the number of epochs a fit trains.
         *
         * @param epochs the number, positive
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder optEpochs(int epochs) {
            if (epochs <= 0) {
                throw new IllegalArgumentException("epochs must be positive, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the batch size used with random-access datasets (shuffled for training, in order for
         * evaluation); other datasets keep their own batching.
         *
         * @param batchSize the size, positive
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Makes the run reproducible: the parameters' initialization and the training data's order.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Adds DJL training listeners, notified of every batch (with each task's labels and predictions) and
         * epoch.
         *
         * @param listeners the listeners
         * @return this builder
         */
        public Builder addListeners(TrainingListener... listeners) {
            this.listeners.addAll(List.of(listeners));
            return this;
        }

        /**
         * Sets whether a fit shows its progress and each epoch's results on the console.
         *
         * @param consoleProgress whether to show them
         * @return this builder
         */
        public Builder optConsoleProgress(boolean consoleProgress) {
            this.consoleProgress = consoleProgress;
            return this;
        }

        /**
         * Makes a fit write checkpoints.
         *
         * @param checkpoints when and where
         * @return this builder
         */
        public Builder optCheckpoints(CheckpointPolicy checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoint policy");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public MultiTaskConfig build() {
            return new MultiTaskConfig(this);
        }
    }
}
