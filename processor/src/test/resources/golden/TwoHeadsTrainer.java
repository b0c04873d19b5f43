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
import org.rotograd4j.train.MultiTaskModel;

/**
 * Trains {@link TwoHeads} with a multi-task method (RotoGrad by default).
 *
 * <pre>{@code
 * try (TwoHeadsTrainer trainer = TwoHeadsTrainer.builder(new TwoHeads())
 *         .setInputShapes(inputShape)
 *         .optEpochs(10)
 *         .build()) {
 *     trainer.fit(trainSet, validationSet);
 * }
 * }</pre>
 *
 * Each batch's labels hold one array per task, in the order of {@link TwoHeadsMultiTask#TASKS}.
 */
@Generated("org.rotograd4j.processor.RotoGradProcessor")
public final class TwoHeadsTrainer implements AutoCloseable {
    private final MultiTaskTraining training;

    private TwoHeadsTrainer(MultiTaskTraining training) {
        this.training = training;
    }

    /**
     * Starts a trainer for {@code model}: set the input shapes, then any other choice.
     */
    public static MultiTaskTraining.Builder<TwoHeadsTrainer> builder(TwoHeads model) {
        return builder(TwoHeadsMultiTask.block(model));
    }

    /**
     * Starts a trainer for a block built with {@link TwoHeadsMultiTask#builder}, changed where needed.
     */
    public static MultiTaskTraining.Builder<TwoHeadsTrainer> builder(MultiTaskModel block) {
        return MultiTaskTraining.builder(block, TwoHeadsTrainer::new);
    }

    /**
     * Trains for the configured epochs, reporting each task's loss and metrics.
     */
    public List<EpochSummary> fit(Dataset train, Dataset validation) throws IOException {
        return training.fit(train, validation);
    }

    /**
     * Returns each task's loss and metrics on {@code data}, keyed {@code <task>_<metric>}.
     */
    public Map<String, Double> evaluate(Dataset data) throws IOException {
        return training.evaluate(data);
    }

    /**
     * Predicts every task for a batch of inputs.
     */
    public TwoHeadsMultiTask.Outputs predict(NDList inputs) {
        return TwoHeadsMultiTask.Outputs.of(training.predict(inputs));
    }

    /**
     * Returns the inference path of one task (backbone, its rotation, its head).
     */
    public Block taskBlock(String task) {
        return training.model().taskBlock(training.model().taskIndex(task));
    }

    /**
     * Saves the whole training state to one checkpoint file, atomically: parameters (rotations
     * included), optimizers, method state and the position of {@link #fit}.
     */
    public void save(Path file) throws IOException {
        training.save(file);
    }

    /**
     * Restores a checkpoint written by {@link #save}, checked whole before anything changes;
     * a following {@link #fit} continues where it stood.
     */
    public void load(Path file) throws IOException {
        training.load(file);
    }

    /**
     * Returns the underlying training: model, step trainer and method.
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
