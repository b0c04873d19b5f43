package test;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import jakarta.annotation.Generated;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;

/**
 * A whole training of {@link TwoHeads} with a multi-task method (RotoGrad by default).
 *
 * <pre>{@code
 * try (TwoHeadsTraining training = TwoHeadsTraining.builder(new TwoHeads())
 *         .setInputShapes(inputShape)
 *         .optConfig(MultiTaskConfig.builder().optEpochs(10).build())
 *         .build()) {
 *     training.fit(trainSet, validationSet);
 * }
 * }</pre>
 *
 * Each batch's labels hold one array per task, in the order of {@link TwoHeadsMultiTask#TASKS}.
 */
@Generated("org.rotograd4j.processor.RotoGradProcessor")
public final class TwoHeadsTraining implements AutoCloseable {
    private final MultiTaskTraining training;

    private TwoHeadsTraining(MultiTaskTraining training) {
        this.training = training;
    }

    /**
     * Starts a training of {@code model}: set the input shapes, then the configuration.
     *
     * @param model the model to train
     * @return the builder of the training
     */
    public static MultiTaskTraining.Builder<TwoHeadsTraining> builder(TwoHeads model) {
        return builder(TwoHeadsMultiTask.block(model));
    }

    /**
     * Starts a training of a block built with {@link TwoHeadsMultiTask#builder}, changed where needed.
     *
     * @param block the multi-task block to train
     * @return the builder of the training
     */
    public static MultiTaskTraining.Builder<TwoHeadsTraining> builder(MultiTaskModel block) {
        return MultiTaskTraining.builder(block, TwoHeadsTraining::new);
    }

    /**
     * Trains for the configured epochs, reporting each task's loss and metrics.
     *
     * @param train the training data
     * @param validation the validation data, or {@code null}
     * @return one summary per epoch completed by this call
     * @throws IOException if the data cannot be read or a checkpoint cannot be written
     */
    public List<EpochSummary> fit(Dataset train, Dataset validation) throws IOException {
        return training.fit(train, validation);
    }

    /**
     * Returns each task's loss and metrics on {@code data}, keyed {@code <task>_<metric>}.
     *
     * @param data the data
     * @return the values, keyed {@code <task>_loss} and {@code <task>_<metric>}, in task order
     * @throws IOException if the data cannot be read
     */
    public Map<String, Double> evaluate(Dataset data) throws IOException {
        return training.evaluate(data);
    }

    /**
     * Predicts every task for a batch of inputs.
     *
     * @param inputs the backbone's inputs
     * @return the output of each task, in the inputs' manager
     */
    public TwoHeadsMultiTask.Outputs predict(NDList inputs) {
        return TwoHeadsMultiTask.Outputs.of(training.predict(inputs));
    }

    /**
     * Returns the inference path of one task (backbone, its rotation, its head).
     *
     * @param task the task's name, one of {@link TwoHeadsMultiTask#TASKS}
     * @return the block, which shares the model's parameters
     * @throws IllegalArgumentException if there is no task of that name
     */
    public Block taskBlock(String task) {
        return training.model().taskBlock(training.model().taskIndex(task));
    }

    /**
     * Saves the whole training state to one checkpoint file, atomically: parameters (rotations
     * included), optimizers, method state and the position of {@link #fit}.
     *
     * @param file where to write; a file there is replaced only once the new one is complete
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        training.save(file);
    }

    /**
     * Restores a checkpoint written by {@link #save}, checked whole before anything changes;
     * a following {@link #fit} continues where it stood.
     *
     * @param file the checkpoint
     * @throws IOException if it cannot be read or does not fit this training
     */
    public void load(Path file) throws IOException {
        training.load(file);
    }

    /**
     * Returns the underlying training: model, batch trainer, method and fit loop.
     *
     * @return the training
     */
    public MultiTaskTraining training() {
        return training;
    }

    /**
     * Frees the model's native memory.
     */
    @Override
    public void close() {
        training.close();
    }
}
