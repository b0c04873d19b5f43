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
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.rotograd4j.Devices;
import org.rotograd4j.EngineLock;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.MultiTaskConfig;

/**
 * A whole training of a {@link MultiTaskModel}, in a few lines: it initializes the model on a device, makes
 * the {@link BatchTrainer} (one batch) and the {@link MultiTaskFit} (the epochs) from one {@link
 * MultiTaskConfig}, and owns their native memory (close it when done). The generated {@code <Model>Training}
 * classes wrap one of these.
 *
 * <pre>{@code
 * try (MultiTaskTraining training = MultiTaskTraining.builder(model)
 *         .setInputShapes(new Shape(1, 784))
 *         .optConfig(MultiTaskConfig.builder().optEpochs(10).optBatchSize(128).build())
 *         .build()) {
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
        this.fit = new MultiTaskFit(new BatchTrainer(model, builder.config));
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
     * Returns a builder whose {@code build()} wraps the training, for the generated typed trainings.
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
     * Returns the batch trainer, with its method and step counts.
     *
     * @return the trainer that {@link #fit} drives
     */
    public BatchTrainer trainer() {
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
     * Returns every epoch trained since the run began, those before a {@link #load} included; see {@link
     * MultiTaskFit#history}.
     *
     * @return the epochs' summaries, first epoch first
     */
    public List<EpochSummary> history() {
        return fit.history();
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
        private MultiTaskConfig config = MultiTaskConfig.defaults();
        private Device device;
        private Shape[] inputShapes;
        private DataType dataType = DataType.FLOAT32;

        private Builder(MultiTaskModel model, Function<MultiTaskTraining, T> wrapper) {
            this.model = Objects.requireNonNull(model, "model");
            this.wrapper = wrapper;
        }

        /**
         * Sets the shapes of the backbone's inputs (required).
         *
         * @param inputShapes one shape per input, batch axis first (its size does not matter)
         * @return this builder
         */
        public Builder<T> setInputShapes(Shape... inputShapes) {
            this.inputShapes = inputShapes;
            return this;
        }

        /**
         * Sets how the model trains: method, optimizers, epochs, batch size, seed, listeners, checkpoints.
         *
         * @param config the configuration; {@link MultiTaskConfig#defaults()} when not set
         * @return this builder
         */
        public Builder<T> optConfig(MultiTaskConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the device.
         *
         * @param device the device, or {@code null} for {@link Devices#preferred()} (the default)
         * @return this builder
         */
        public Builder<T> optDevice(@Nullable Device device) {
            this.device = device;
            return this;
        }

        /**
         * Sets the parameters' data type.
         *
         * @param dataType float32 (the default) or float64
         * @return this builder
         */
        public Builder<T> optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "data type");
            return this;
        }

        /**
         * Initializes the model (with the configuration's seed, under {@link EngineLock}, so that trainings
         * built at the same time in other threads do not interfere) and builds the training.
         *
         * @return the training, wrapped
         * @throws IllegalStateException if the input shapes are not set, or the configuration does not fit
         *     the model
         */
        public T build() {
            if (inputShapes == null || inputShapes.length == 0) {
                throw new IllegalStateException("set the shapes of the backbone's inputs: setInputShapes(new Shape(1, ...))");
            }
            NDManager manager = NDManager.newBaseManager(device != null ? device : Devices.preferred());
            try {
                Long seed = config.seed();
                EngineLock.run(() -> {
                    if (seed != null) {
                        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
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
