package org.rotograd4j.fit;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.rotograd4j.Devices;
import org.rotograd4j.EngineLock;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.train.GradientSpace;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.MultiTaskTrainer;
import org.rotograd4j.train.NonFinitePolicy;

/**
 * Everything needed to train a {@link MultiTaskModel} in a few lines: it initializes the model on a
 * device, builds the optimizers, the step trainer and the epoch loop, and owns their native memory (close
 * it when done). Generated trainers wrap one of these.
 *
 * <pre>{@code
 * try (MultiTaskTraining training = MultiTaskTraining.builder(model)
 *         .setInputShapes(new Shape(1, 784)).optEpochs(10).optBatchSize(128).build()) {
 *     training.fit(trainSet, validationSet);
 * }
 * }</pre>
 */
public final class MultiTaskTraining implements AutoCloseable {

    private final NDManager manager;
    private final MultiTaskModel model;
    private final MultiTaskFit fit;

    private MultiTaskTraining(Builder<?> builder, NDManager manager) {
        this.manager = manager;
        this.model = builder.model;
        MultiTaskMethod method = builder.method != null ? builder.method
                : model.rotations() == null ? new Vanilla() : new RotoGrad();
        LearningRateSchedule rotationRate = builder.rotationRate != null ? builder.rotationRate
                : LearningRateSchedule.constant(builder.networkRate.rate(0) / 10);
        MultiTaskTrainer trainer = MultiTaskTrainer.builder()
                .setModel(model)
                .setMethod(method)
                .setNetworkOptimizer(builder.optimizer.build(builder.networkRate))
                .optRotationOptimizer(builder.optimizer.build(rotationRate))
                .optNormalizeLosses(builder.normalizeLosses)
                .optBurnInPeriod(builder.burnInPeriod)
                .optNonFinitePolicy(builder.nonFinitePolicy)
                .optGradientSpace(builder.gradientSpace)
                .build();
        MultiTaskFit.Builder fitBuilder = MultiTaskFit.builder()
                .setTrainer(trainer)
                .optEpochs(builder.epochs)
                .optConsoleProgress(builder.consoleProgress)
                .addListeners(builder.listeners.toArray(TrainingListener[]::new));
        if (builder.batchSize > 0) {
            fitBuilder.optBatchSize(builder.batchSize);
        }
        if (builder.seed != null) {
            fitBuilder.optShuffleSeed(builder.seed);
        }
        if (builder.checkpoints != null) {
            fitBuilder.optCheckpoints(builder.checkpoints);
        }
        this.fit = fitBuilder.build();
    }

    /**
     * Returns a builder for {@code model}.
     *
     * @param model the model to train, not yet initialized: {@link Builder#build()} initializes it
     * @return the builder
     */
    public static Builder<MultiTaskTraining> builder(MultiTaskModel model) {
        return new Builder<>(model, training -> training);
    }

    /**
     * Returns a builder whose {@code build()} wraps the training, for typed trainers.
     *
     * @param model the model to train, not yet initialized: {@link Builder#build()} initializes it
     * @param wrapper makes the builder's result from the training
     * @param <T> the result type
     * @return the builder
     */
    public static <T> Builder<T> builder(MultiTaskModel model, Function<MultiTaskTraining, T> wrapper) {
        return new Builder<>(model, wrapper);
    }

    /**
     * Returns the model.
     *
     * @return the model given to the builder, initialized on the training's device
     */
    public MultiTaskModel model() {
        return model;
    }

    /**
     * Returns the step trainer, with its method and step counts.
     *
     * @return the trainer that {@link #fit} drives
     */
    public MultiTaskTrainer trainer() {
        return fit.trainer();
    }

    /**
     * Trains for the configured epochs; see {@link MultiTaskFit#fit}.
     *
     * @param train the training data; each batch's labels hold one array per task, in task order
     * @param validation the validation data, or {@code null} to train without validation
     * @return one summary per epoch completed by this call
     * @throws IOException if the data cannot be read or a checkpoint cannot be written
     */
    public List<EpochSummary> fit(Dataset train, @Nullable Dataset validation) throws IOException {
        return fit.fit(train, validation);
    }

    /**
     * Evaluates every task; see {@link MultiTaskFit#evaluate}.
     *
     * @param data the data; each batch's labels hold one array per task, in task order
     * @return values keyed {@code <task>_loss} and {@code <task>_<metric>}, in task order
     * @throws IOException if the data cannot be read
     */
    public Map<String, Double> evaluate(Dataset data) throws IOException {
        return fit.evaluate(data);
    }

    /**
     * Predicts every task for a batch of inputs.
     *
     * @param inputs the backbone's inputs, batch axis first; not empty
     * @return one output per task, in task order, in the inputs' manager
     */
    public NDList predict(NDList inputs) {
        NDList outputs = EngineLock.call(() -> {
            try (NDScope scope = new NDScope()) {
                NDList result = model.forward(new ParameterStore(manager, false), inputs, false);
                result.forEach(NDScope::unregister);
                return result;
            }
        });
        NDManager target = inputs.head().getManager();
        outputs.attach(target);
        return outputs;
    }

    /**
     * Saves the whole training state, atomically: parameters (rotations included), optimizers, method and
     * trainer state, and the position of {@link #fit}; see {@link MultiTaskFit#save}.
     *
     * @param file where to write; a file there is replaced only once the new one is complete
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        fit.save(file);
    }

    /**
     * Restores a state saved by {@link #save}, checked whole before anything changes; a following {@link #fit}
     * continues where the saved run stood. See {@link MultiTaskFit#load}.
     *
     * @param file the checkpoint
     * @throws IOException if it cannot be read or does not fit this training, naming the file and the mismatch
     */
    public void load(Path file) throws IOException {
        fit.load(file);
    }

    /** Frees the model's native memory. */
    @Override
    public void close() {
        manager.close();
    }

    /**
     * Builds a {@link MultiTaskTraining}.
     *
     * @param <T> what {@link #build()} returns
     */
    public static final class Builder<T> {
        private final MultiTaskModel model;
        private final Function<MultiTaskTraining, T> wrapper;
        private MultiTaskMethod method;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private LearningRateSchedule networkRate = LearningRateSchedule.constant(1e-3);
        private LearningRateSchedule rotationRate;
        private int batchSize;
        private int epochs = 1;
        private Device device;
        private Shape[] inputShapes;
        private DataType dataType = DataType.FLOAT32;
        private boolean normalizeLosses;
        private int burnInPeriod = 20;
        private Integer seed;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.FAIL;
        private GradientSpace gradientSpace = GradientSpace.FEATURE;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean consoleProgress = true;
        private CheckpointPolicy checkpoints;

        private Builder(MultiTaskModel model, Function<MultiTaskTraining, T> wrapper) {
            this.model = Objects.requireNonNull(model, "model");
            this.wrapper = wrapper;
        }

        /**
         * Sets the shapes of the backbone's inputs, batch axis first (required).
         *
         * @param inputShapes one shape per input, for example {@code new Shape(1, 784)}; at least one
         * @return this builder
         */
        public Builder<T> setInputShapes(Shape... inputShapes) {
            this.inputShapes = inputShapes;
            return this;
        }

        /**
         * Sets the method; default RotoGrad when the model rotates, else Vanilla.
         *
         * @param method a fresh method instance, or {@code null} for the default
         * @return this builder
         */
        public Builder<T> optMethod(@Nullable MultiTaskMethod method) {
            this.method = method;
            return this;
        }

        /**
         * Sets the kind of both optimizers; default {@link OptimizerKind#ADAM}.
         *
         * @param optimizer the kind of the network's and the rotations' optimizer
         * @return this builder
         */
        public Builder<T> optOptimizer(OptimizerKind optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets a constant network learning rate; default 1e-3.
         *
         * @param rate the learning rate of backbone and heads
         * @return this builder
         */
        public Builder<T> optNetworkLearningRate(double rate) {
            return optNetworkLearningRate(LearningRateSchedule.constant(rate));
        }

        /**
         * Sets the network's learning-rate schedule; default a constant 1e-3.
         *
         * @param schedule the learning rate of backbone and heads by update
         * @return this builder
         */
        public Builder<T> optNetworkLearningRate(LearningRateSchedule schedule) {
            this.networkRate = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets a constant rotation learning rate; default a tenth of the network's initial rate.
         *
         * @param rate the learning rate of the rotations and of the method's own parameters
         * @return this builder
         */
        public Builder<T> optRotationLearningRate(double rate) {
            return optRotationLearningRate(LearningRateSchedule.constant(rate));
        }

        /**
         * Sets the rotations' learning-rate schedule, for example {@link LearningRateSchedule#twoTimescale};
         * default a constant tenth of the network's initial rate.
         *
         * @param schedule the learning rate of the rotations and of the method's own parameters by update
         * @return this builder
         */
        public Builder<T> optRotationLearningRate(LearningRateSchedule schedule) {
            this.rotationRate = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets the batch size for random-access datasets; default the dataset's own.
         *
         * @param batchSize the samples per batch; 0 or less for the dataset's own batching
         * @return this builder
         */
        public Builder<T> optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the number of epochs; default 1.
         *
         * @param epochs the total number of epochs; positive, checked by {@link #build()}
         * @return this builder
         */
        public Builder<T> optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the device; default {@link Devices#preferred()}.
         *
         * @param device where the parameters live and the training runs, or {@code null} for the default
         * @return this builder
         */
        public Builder<T> optDevice(@Nullable Device device) {
            this.device = device;
            return this;
        }

        /**
         * Sets the parameters' data type; default float32.
         *
         * @param dataType the data type of every parameter
         * @return this builder
         */
        public Builder<T> optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "data type");
            return this;
        }

        /**
         * Normalizes each task loss by its reference value (the authors' {@code normalize_losses}); default
         * false. See {@link MultiTaskTrainer.Builder#optNormalizeLosses}.
         *
         * @param normalizeLosses whether to normalize the losses
         * @return this builder
         */
        public Builder<T> optNormalizeLosses(boolean normalizeLosses) {
            this.normalizeLosses = normalizeLosses;
            return this;
        }

        /**
         * Sets the burn-in period; default 20. See {@link MultiTaskTrainer.Builder#optBurnInPeriod}.
         *
         * @param burnInPeriod the 0-based step at which the reference losses are taken again; not negative,
         *     checked by {@link #build()}
         * @return this builder
         */
        public Builder<T> optBurnInPeriod(int burnInPeriod) {
            this.burnInPeriod = burnInPeriod;
            return this;
        }

        /**
         * Makes the run reproducible: the parameters' initialization (drawn under {@link EngineLock}, so that
         * trainers built at the same time in other threads do not interfere) and the training data's order.
         * Default: unseeded initialization and a random data order.
         *
         * @param seed the seed of the engine's random generator and of the data order
         * @return this builder
         */
        public Builder<T> optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets what a non-finite loss or gradient does; default {@link NonFinitePolicy#FAIL}.
         *
         * @param policy fail or skip the step
         * @return this builder
         */
        public Builder<T> optNonFinitePolicy(NonFinitePolicy policy) {
            this.nonFinitePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets where the method combines the task gradients; default {@link GradientSpace#FEATURE}.
         *
         * @param gradientSpace the shared feature, or the backbone's parameters (not for rotating methods)
         * @return this builder
         */
        public Builder<T> optGradientSpace(GradientSpace gradientSpace) {
            this.gradientSpace = Objects.requireNonNull(gradientSpace, "gradient space");
            return this;
        }

        /**
         * Adds DJL training listeners, after those added before.
         *
         * @param listeners the listeners; none is a no-op
         * @return this builder
         */
        public Builder<T> addListeners(TrainingListener... listeners) {
            this.listeners.addAll(List.of(listeners));
            return this;
        }

        /**
         * Writes checkpoints during {@link MultiTaskTraining#fit}; default none.
         *
         * @param checkpoints when and where to write them
         * @return this builder
         */
        public Builder<T> optCheckpoints(CheckpointPolicy checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoint policy");
            return this;
        }

        /**
         * Whether to show progress and per-epoch results on the console; default true.
         *
         * @param consoleProgress {@code true} to add a {@link ConsoleProgress} on standard output
         * @return this builder
         */
        public Builder<T> optConsoleProgress(boolean consoleProgress) {
            this.consoleProgress = consoleProgress;
            return this;
        }

        /**
         * Initializes the model on the device and builds the training. On failure the native memory taken so
         * far is freed.
         *
         * @return the training, as the wrapper made it
         * @throws IllegalStateException without input shapes, or when the method and model do not fit together
         * @throws IllegalArgumentException when a setting is out of range (epochs, burn-in period) or the
         *     device is unknown
         */
        public T build() {
            if (inputShapes == null || inputShapes.length == 0) {
                throw new IllegalStateException("set the shapes of the backbone's inputs: setInputShapes(new Shape(1, ...))");
            }
            NDManager manager = NDManager.newBaseManager(device != null ? device : Devices.preferred());
            try {
                EngineLock.run(() -> {
                    if (seed != null) {
                        Engine.getInstance().setRandomSeed(seed);
                    }
                    model.initialize(manager, dataType, inputShapes);
                });
                return wrapper.apply(new MultiTaskTraining(this, manager));
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }
    }
}
