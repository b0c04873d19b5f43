package org.rotograd4j.samples.illustrative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.method.RotoGrad;

/** The annotated illustrative model, through the classes the processor generated for it. */
class IllustrativeModelTest {

    @Test
    void theGeneratedWiringNamesTheTasks() {
        assertEquals(List.of("task1", "task2"), IllustrativeModelMultiTask.TASKS);
        assertEquals(List.of("task1", "task2"), IllustrativeModelMultiTask.block(new IllustrativeModel(Landscape.CONVEX))
                .taskNames());
    }

    @Test
    void theGeneratedTrainerFitsPredictsSavesAndLoads(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                IllustrativeModelTrainer trainer = IllustrativeModelTrainer.builder(new IllustrativeModel(Landscape.CONVEX))
                        .setInputShapes(new Shape(1, 2))
                        .optMethod(new RotoGrad())
                        .optEpochs(150)
                        .optNetworkLearningRate(0.01)
                        .optRotationLearningRate(0.05)
                        .optSeed(3)
                        .optConsoleProgress(false)
                        .build()) {
            NDArray x = manager.create(new float[] {0.5f, -0.5f}, new Shape(1, 2));
            NDArray o1 = manager.create(new float[] {1.5f, 1.5f}, new Shape(1, 2));
            NDArray o2 = manager.create(new float[] {-1.5f, -1.5f}, new Shape(1, 2));
            ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(o1, o2).setSampling(1, false).build();
            List<EpochSummary> epochs = trainer.fit(data, data);
            double first = epochs.get(0).trainLosses().get("task1") + epochs.get(0).trainLosses().get("task2");
            EpochSummary last = epochs.get(epochs.size() - 1);
            double end = last.validation().get("task1_loss") + last.validation().get("task2_loss");
            assertTrue(end < first / 4, "total loss " + first + " -> " + end);

            IllustrativeModelMultiTask.Outputs outputs = trainer.predict(new NDList(x));
            assertArrayEquals(new long[] {1, 2}, outputs.task1().getShape().getShape());
            Path file = folder.resolve("illustrative.params");
            trainer.save(file);
            float[] before = outputs.task2().toFloatArray();
            try (IllustrativeModelTrainer reloaded = IllustrativeModelTrainer.builder(new IllustrativeModel(Landscape.CONVEX))
                    .setInputShapes(new Shape(1, 2)).optConsoleProgress(false).build()) {
                reloaded.load(file);
                assertArrayEquals(before, reloaded.predict(new NDList(x)).task2().toFloatArray());
                NDArray single = reloaded.taskBlock("task2")
                        .forward(new ai.djl.training.ParameterStore(manager, false), new NDList(x), false).head();
                assertArrayEquals(before, single.toFloatArray());
            }
            assertEquals(DataType.FLOAT32, outputs.task1().getDataType());
        }
    }
}
