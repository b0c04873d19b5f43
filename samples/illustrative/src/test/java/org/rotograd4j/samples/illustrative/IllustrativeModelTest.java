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
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.train.MultiTaskConfig;

/** The annotated illustrative model, through the classes the processor generated for it. */
class IllustrativeModelTest {

    @Test
    void theGeneratedWiringNamesTheTasks() {
        assertEquals(List.of("task1", "task2"), IllustrativeModelMultiTask.TASKS);
        assertEquals(List.of("task1", "task2"), IllustrativeModelMultiTask.block(new IllustrativeModel(Landscape.CONVEX))
                .taskNames());
    }

    @Test
    void theGeneratedTrainingFitsPredictsSavesAndLoads(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                IllustrativeModelTraining trainer = IllustrativeModelTraining.builder(new IllustrativeModel(Landscape.CONVEX))
                        .setInputShapes(new Shape(1, 2))
                        .optConfig(MultiTaskConfig.builder()
                                .optMethod(RotoGrad::new)
                                .optEpochs(150)
                                .optNetworkLearningRate(0.01)
                                .optRotationLearningRate(0.05)
                                .optSeed(3)
                                .optConsoleProgress(false)
                                .build())
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
            try (IllustrativeModelTraining reloaded = IllustrativeModelTraining.builder(new IllustrativeModel(Landscape.CONVEX))
                    .setInputShapes(new Shape(1, 2))
                    .optConfig(MultiTaskConfig.builder().optConsoleProgress(false).build())
                    .build()) {
                reloaded.load(file);
                assertArrayEquals(before, reloaded.predict(new NDList(x)).task2().toFloatArray());
                NDArray single = reloaded.taskBlock("task2")
                        .forward(new ai.djl.training.ParameterStore(manager, false), new NDList(x), false).head();
                assertArrayEquals(before, single.toFloatArray());
            }
            assertEquals(DataType.FLOAT32, outputs.task1().getDataType());
        }
    }

    private static IllustrativeModelTraining resumableTraining(Path checkpoints) {
        return IllustrativeModelTraining.builder(new IllustrativeModel(Landscape.NON_CONVEX))
                .setInputShapes(new Shape(1, 2))
                .optConfig(MultiTaskConfig.builder()
                        .optMethod(RotoGrad::new)
                        .optEpochs(6)
                        .optBatchSize(4)
                        .optNormalizeLosses(true)
                        .optBurnInPeriod(5)
                        .optSeed(3)
                        .optCheckpoints(CheckpointPolicy.everyEpoch(checkpoints))
                        .optConsoleProgress(false)
                        .build())
                .build();
    }

    private static ArrayDataset tenPoints(NDManager manager) {
        float[] x = new float[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7 - 3) / 3f;
        }
        NDArray inputs = manager.create(x, new Shape(10, 2));
        return new ArrayDataset.Builder().setData(inputs).optLabels(inputs.add(1), inputs.sub(1))
                .setSampling(4, false).build();
    }

    @Test
    void theGeneratedTrainingResumesFromACheckpointExactly(@TempDir Path folder) throws Exception {
        NDList probe;
        float[] uninterrupted;
        try (NDManager manager = NDManager.newBaseManager();
                IllustrativeModelTraining trainer = resumableTraining(folder.resolve("full"))) {
            trainer.fit(tenPoints(manager), null);
            probe = new NDList(manager.create(new float[] {0.3f, -0.7f}, new Shape(1, 2)));
            uninterrupted = trainer.predict(probe).task1().toFloatArray();
            assertEquals(18, trainer.training().trainer().steps());
        }
        CheckpointPolicy after3 = CheckpointPolicy.everyEpoch(folder.resolve("full"));
        try (NDManager manager = NDManager.newBaseManager();
                IllustrativeModelTraining trainer = resumableTraining(folder.resolve("resumed"))) {
            trainer.load(after3.fileFor(9));
            List<EpochSummary> rest = trainer.fit(tenPoints(manager), null);
            assertEquals(List.of(4, 5, 6), rest.stream().map(EpochSummary::epoch).toList());
            NDList sameProbe = new NDList(manager.create(new float[] {0.3f, -0.7f}, new Shape(1, 2)));
            assertArrayEquals(uninterrupted, trainer.predict(sameProbe).task1().toFloatArray());
        }
    }
}
