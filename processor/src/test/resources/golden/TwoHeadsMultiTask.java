package test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import jakarta.annotation.Generated;
import java.util.List;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.metric.BinaryF1;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;

/**
 * Multi-task wiring of {@link TwoHeads}, generated from its annotations: the task names,
 * the multi-task block (backbone, a rotation of 6 features per task, heads)
 * and typed access to the tasks' outputs.
 */
@Generated("org.rotograd4j.processor.RotoGradProcessor")
public final class TwoHeadsMultiTask {
    /**
     * Task {@code value}.
     */
    public static final String VALUE = "value";

    /**
     * Task {@code Wavy_Hair}.
     */
    public static final String WAVY_HAIR = "Wavy_Hair";

    /**
     * Task {@code 5_o_Clock_Shadow}.
     */
    public static final String TASK_5_O_CLOCK_SHADOW = "5_o_Clock_Shadow";

    /**
     * The tasks whose heads {@code attribute(int)} makes, in index order.
     */
    public static final List<String> ATTRIBUTE_TASKS = List.of(WAVY_HAIR, TASK_5_O_CLOCK_SHADOW);

    /**
     * Every task, in task order: the order of outputs and of label arrays.
     */
    public static final List<String> TASKS = List.of(VALUE, WAVY_HAIR, TASK_5_O_CLOCK_SHADOW);

    private TwoHeadsMultiTask() {
    }

    /**
     * Builds the multi-task block of {@code model}; initialize it before training.
     *
     * @param model the model whose annotated members give the backbone and the heads
     * @return the multi-task block, set up as annotated
     */
    public static MultiTaskModel block(TwoHeads model) {
        return builder(model).build();
    }

    /**
     * Returns a builder of the multi-task block of {@code model}, set up as annotated; change
     * what you need (the rotation, for example) before {@code build()}.
     *
     * @param model the model whose annotated members give the backbone and the heads
     * @return the builder, with the backbone, the heads and the rotation set
     */
    public static MultiTaskModel.Builder builder(TwoHeads model) {
        MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(model.backbone);
        builder.addTask(new Task(VALUE, model.valueHead(), Losses.meanSquaredError(VALUE), 1.0,
                List.of(Losses.meanAbsoluteError("mae"))));
        for (int i = 0; i < ATTRIBUTE_TASKS.size(); i++) {
            String name = ATTRIBUTE_TASKS.get(i);
            builder.addTask(new Task(name, model.attribute(i),
                    Losses.sigmoidBinaryCrossEntropy(name), 1.0, List.of(new BinaryF1(0))));
        }
        builder.optRotation(6, FeatureAxis.FEATURES, RotationInit.HAAR, 0L);
        return builder;
    }

    /**
     * The output of each task, by name.
     *
     * @param value the output of task {@code value}
     * @param wavyHair the output of task {@code Wavy_Hair}
     * @param task5OClockShadow the output of task {@code 5_o_Clock_Shadow}
     */
    public record Outputs(NDArray value, NDArray wavyHair, NDArray task5OClockShadow) {
        /**
         * Names the outputs of the multi-task block, one array per task in task order.
         *
         * @param outputs the outputs of the multi-task block, in the order of {@link TwoHeadsMultiTask#TASKS}
         * @return the outputs, by name
         * @throws IllegalArgumentException if there is not one output per task
         */
        public static Outputs of(NDList outputs) {
            if (outputs.size() != TASKS.size()) {
                throw new IllegalArgumentException("expected one output per task " + TASKS + ", got " + outputs.size());
            }
            return new Outputs(outputs.get(0), outputs.get(1), outputs.get(2));
        }
    }
}
