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

    /** Returns a builder for {@code model}. */
    public static Builder<MultiTaskTraining> builder(MultiTaskModel model) {
        return new Builder<>(model, training -> training);
    }

    /**
     * Returns a builder whose {@code build()} wraps the training, for typed trainers.
     *
     * @param model the model to train
     * @param wrapper makes the builder's result from the training
     * @param <T> the result type
     * @return the builder
     */
    public static <T> Builder<T> builder(MultiTaskModel model, Function<MultiTaskTraining, T> wrapper) {
        return new Builder<>(model, wrapper);
    }

    /** Returns the model. */
    public MultiTaskModel model() {
        return model;
    }

    /** Returns the step trainer, with its method and step counts. */
    public MultiTaskTrainer trainer() {
        return fit.trainer();
    }

    /** Trains for the configured epochs; see {@link MultiTaskFit#fit}. */
    public List<EpochSummary> fit(Dataset train, Dataset validation) throws IOException {
        return fit.fit(train, validation);
    }

    /** Evaluates every task; see {@link MultiTaskFit#evaluate}. */
    public Map<String, Double> evaluate(Dataset data) throws IOException {
        return fit.evaluate(data);
    }

    /**
     * Predicts every task for a batch of inputs.
     *
     * @param inputs the backbone's inputs
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

        /** Sets the shapes of the backbone's inputs, batch axis first (required). */
        public Builder<T> setInputShapes(Shape... inputShapes) {
            this.inputShapes = inputShapes;
            return this;
        }

        /** Sets the method; default RotoGrad when the model rotates, else Vanilla. */
        public Builder<T> optMethod(MultiTaskMethod method) {
            this.method = method;
            return this;
        }

        /** Sets the kind of both optimizers; default {@link OptimizerKind#ADAM}. */
        public Builder<T> optOptimizer(OptimizerKind optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** Sets a constant network learning rate; default 1e-3. */
        public Builder<T> optNetworkLearningRate(double rate) {
            return optNetworkLearningRate(LearningRateSchedule.constant(rate));
        }

        /** Sets the network's learning-rate schedule. */
        public Builder<T> optNetworkLearningRate(LearningRateSchedule schedule) {
            this.networkRate = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Sets a constant rotation learning rate; default a tenth of the network's initial rate. */
        public Builder<T> optRotationLearningRate(double rate) {
            return optRotationLearningRate(LearningRateSchedule.constant(rate));
        }

        /** Sets the rotations' learning-rate schedule, for example {@link LearningRateSchedule#twoTimescale}. */
        public Builder<T> optRotationLearningRate(LearningRateSchedule schedule) {
            this.rotationRate = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Sets the batch size for random-access datasets; default the dataset's own. */
        public Builder<T> optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets the number of epochs; default 1. */
        public Builder<T> optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Sets the device; default {@link Devices#preferred()}. */
        public Builder<T> optDevice(Device device) {
            this.device = device;
            return this;
        }

        /** Sets the parameters' data type; default float32. */
        public Builder<T> optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "data type");
            return this;
        }

        /** Normalizes each task loss by its reference value (the authors' {@code normalize_losses}). */
        public Builder<T> optNormalizeLosses(boolean normalizeLosses) {
            this.normalizeLosses = normalizeLosses;
            return this;
        }

        /** Sets the burn-in period; default 20. */
        public Builder<T> optBurnInPeriod(int burnInPeriod) {
            this.burnInPeriod = burnInPeriod;
            return this;
        }

        /**
         * Makes the run reproducible: the parameters' initialization (drawn under {@link EngineLock}, so that
         * trainers built at the same time in other threads do not interfere) and the training data's order.
         */
        public Builder<T> optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /** Sets what a non-finite loss or gradient does; default fail. */
        public Builder<T> optNonFinitePolicy(NonFinitePolicy policy) {
            this.nonFinitePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sets where the method combines the task gradients; default the shared feature. */
        public Builder<T> optGradientSpace(GradientSpace gradientSpace) {
            this.gradientSpace = Objects.requireNonNull(gradientSpace, "gradient space");
            return this;
        }

        /** Adds DJL training listeners. */
        public Builder<T> addListeners(TrainingListener... listeners) {
            this.listeners.addAll(List.of(listeners));
            return this;
        }

        /** Writes checkpoints during {@link MultiTaskTraining#fit}; default none. */
        public Builder<T> optCheckpoints(CheckpointPolicy checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoint policy");
            return this;
        }

        /** Whether to show progress and per-epoch results on the console; default true. */
        public Builder<T> optConsoleProgress(boolean consoleProgress) {
            this.consoleProgress = consoleProgress;
            return this;
        }

        /** Initializes the model and builds the training. */
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
