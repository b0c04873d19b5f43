package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rotograd4j.method.RotoGrad;

/** Batches a step cannot train on fail with a message that says what is wrong, and change nothing. */
class BadInputTest {

    private NDManager manager;
    private SmallProblem problem;
    private BatchTrainer trainer;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        problem = new SmallProblem(manager, 3, 6);
        trainer = problem.trainer(new RotoGrad()).build();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /**
     * Runs a step that must fail with an {@link IllegalArgumentException}, checks that it changed no parameter,
     * then that a following correct step gives exactly what a first step on an untouched copy of the problem gives.
     */
    private IllegalArgumentException failsAndChangesNothing(NDList inputs, List<NDList> labels) {
        List<float[]> before = problem.snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.step(inputs, labels));
        List<float[]> after = problem.snapshot();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "parameter " + i + " changed by a failed step");
        }
        assertEquals(0, trainer.steps(), "a failed step was counted");

        StepResult result = problem.step(trainer);
        assertFalse(result.skipped());
        assertEquals(1, trainer.steps());
        try (NDManager referenceManager = NDManager.newBaseManager()) {
            SmallProblem reference = new SmallProblem(referenceManager, 3, 6);
            BatchTrainer referenceTrainer = reference.trainer(new RotoGrad()).build();
            StepResult expected = reference.step(referenceTrainer);
            assertArrayEquals(expected.losses(), result.losses(), "losses of the step after the failure");
            List<float[]> trained = problem.snapshot();
            List<float[]> referenceTrained = reference.snapshot();
            assertFalse(Arrays.equals(before.get(0), trained.get(0)), "the correct step changed nothing");
            for (int i = 0; i < trained.size(); i++) {
                assertArrayEquals(referenceTrained.get(i), trained.get(i),
                        "parameter " + i + " after a correct step that followed the failed one");
            }
        }
        return e;
    }

    private List<NDList> labelsWith(int task, NDList label) {
        List<NDList> labels = new ArrayList<>(problem.labels);
        labels.set(task, label);
        return labels;
    }

    @Test
    void aLabelWithTheRightSizeButTheWrongBatchDimensionNamesTaskShapeAndBatch() {
        // 8 * 2 = 16 elements, as many as the expected (16, 1): only the batch dimension tells it apart.
        NDList label = new NDList(manager.randomNormal(new Shape(8, 2)));
        IllegalArgumentException e = failsAndChangesNothing(problem.inputs, labelsWith(1, label));
        String message = e.getMessage();
        assertTrue(message.contains("'t1'"), message);
        assertTrue(message.contains("(8, 2)"), message);
        assertTrue(message.contains(String.valueOf(SmallProblem.BATCH)), message);
        assertFalse(message.contains("[L"), "a Java array identity in the message: " + message);
        assertFalse(message.contains("@"), "a Java object identity in the message: " + message);
    }

    @Test
    void anEmptyBatchIsRejected() {
        NDList inputs = new NDList(manager.zeros(new Shape(0, SmallProblem.INPUTS)));
        List<NDList> labels = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            labels.add(new NDList(manager.zeros(new Shape(0, 1))));
        }
        IllegalArgumentException e = failsAndChangesNothing(inputs, labels);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void noInputArrayIsAnIllegalArgumentNotAnIndexError() {
        IllegalArgumentException e = failsAndChangesNothing(new NDList(), problem.labels);
        assertTrue(e.getMessage().contains("no input"), e.getMessage());
    }

    private static void assertNamesBackboneAndShapes(String message, String received) {
        assertTrue(message.contains("backbone"), message);
        assertTrue(message.contains("SequentialBlock"), "the backbone's class: " + message);
        assertTrue(message.contains(received), "what the backbone received, " + received + ": " + message);
        assertTrue(message.contains("(" + SmallProblem.BATCH + ", " + SmallProblem.INPUTS + ")"),
                "the shapes the backbone was initialized for: " + message);
        assertFalse(message.contains("[L"), "a Java array identity in the message: " + message);
    }

    @Test
    void anInputOfTheWrongWidthNamesTheBackboneAndItsInitializedShapes() {
        NDList inputs = new NDList(manager.randomNormal(new Shape(SmallProblem.BATCH, 7)));
        IllegalArgumentException e = failsAndChangesNothing(inputs, problem.labels);
        assertNamesBackboneAndShapes(e.getMessage(), "(16, 7)");
    }

    @Test
    void anInputOfTheWrongDataTypeNamesTheBackboneAndItsInitializedShapes() {
        NDList inputs = new NDList(problem.inputs.head().toType(DataType.FLOAT64, true));
        IllegalArgumentException e = failsAndChangesNothing(inputs, problem.labels);
        String message = e.getMessage();
        assertNamesBackboneAndShapes(message, "float64");
        assertTrue(message.contains("(16, 5) float64"), "the received shape and type: " + message);
        assertTrue(message.contains("float32"), "the model's type: " + message);
    }
}
