package org.rotograd4j.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.loss.Losses;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.metric.BinaryF1;
import org.rotograd4j.optim.Adam;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.Task;

class MultiTaskFitTest {

    private static final int SAMPLES = 96;

    /** A regression task and a binary task on the same inputs. */
    private static MultiTaskModel model(NDManager manager) {
        manager.getEngine().setRandomSeed(4);
        MultiTaskModel model = MultiTaskModel.builder()
                .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation.tanhBlock()))
                .addTask(Task.of("value", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse")))
                .addTask(new Task("flag", Linear.builder().setUnits(1).build(), Losses.sigmoidBinaryCrossEntropy("bce"),
                        1, List.of(new BinaryF1(0))))
                .optRotation(6, RotationInit.HAAR, 1)
                .build();
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        return model;
    }

    private static ArrayDataset data(NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        NDArray x = manager.randomNormal(new Shape(SAMPLES, 4));
        NDArray value = x.get(":, 0:1").mul(2).add(x.get(":, 1:2"));
        NDArray flag = x.get(":, 2:3").gt(0).toType(DataType.FLOAT32, false);
        return new ArrayDataset.Builder().setData(x).optLabels(value, flag).setSampling(16, false).build();
    }

    private static MultiTaskConfig.Builder config() {
        return MultiTaskConfig.builder()
                .optMethod(RotoGrad::new)
                .optNetworkLearningRate(0.02)
                .optRotationLearningRate(0.002)
                .optConsoleProgress(false);
    }

    private static MultiTaskFit fit(MultiTaskModel model, MultiTaskConfig.Builder config) {
        return new MultiTaskFit(new BatchTrainer(model, config.build()));
    }

    @Test
    void djlsOwnListenersSeeEveryTasksLabelsAndPredictions() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel model = model(manager);
            double[][] seen = new double[4][];
            TrainingListenerAdapter probe = new TrainingListenerAdapter() {
                private int epoch;

                @Override
                public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                    NDList predictions = batchData.getPredictions().values().iterator().next();
                    NDList labels = batchData.getLabels().values().iterator().next();
                    assertEquals(2, predictions.size());
                    assertEquals(labels.get(0).getShape(), predictions.get(0).getShape());
                }

                @Override
                public void onEpoch(Trainer trainer) {
                    // DJL's evaluator listener ran before this one and recorded the composite loss of every task.
                    seen[epoch++] = new double[] {
                        trainer.getMetrics().latestMetric("train_epoch_loss").getValue().doubleValue(),
                        trainer.getMetrics().latestMetric("validate_epoch_loss").getValue().doubleValue()};
                }
            };
            MultiTaskFit fit = fit(model, config()
                    .optEpochs(4)
                    .optBatchSize(16)
                    .optConsoleProgress(false)
                    .addListeners(ai.djl.training.listener.TrainingListener.Defaults.logging())
                    .addListeners(probe));
            List<EpochSummary> epochs = fit.fit(data(manager, 1), data(manager, 2));
            for (int e = 0; e < 4; e++) {
                EpochSummary summary = epochs.get(e);
                double trainSum = summary.trainLosses().get("value") + summary.trainLosses().get("flag");
                double validationSum = summary.validation().get("value_loss") + summary.validation().get("flag_loss");
                // Equal batches of 16: DJL's per-batch mean of the summed losses equals the sum of the per-sample means.
                assertEquals(trainSum, seen[e][0], 1e-4 * trainSum, "epoch " + (e + 1) + " training loss");
                assertEquals(validationSum, seen[e][1], 1e-4 * validationSum, "epoch " + (e + 1) + " validation loss");
            }
        }
    }

    @Test
    void fitsEpochsReportsMetricsAndNotifiesListeners() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel model = model(manager);
            int[] events = new int[2];
            TrainingListenerAdapter counter = new TrainingListenerAdapter() {
                @Override
                public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                    events[0]++;
                }

                @Override
                public void onEpoch(Trainer trainer) {
                    events[1]++;
                    assertTrue(trainer.getMetrics().hasMetric("validate_epoch_flag_f1"));
                }
            };
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            MultiTaskFit fit = fit(model, config()
                    .optEpochs(4)
                    .optBatchSize(16)
                    .optConsoleProgress(false)
                    .addListeners(counter, new ConsoleProgress(new PrintStream(console, true))));
            List<EpochSummary> epochs = fit.fit(data(manager, 1), data(manager, 2));
            assertEquals(4, epochs.size());
            assertEquals(4 * SAMPLES / 16, events[0], "training batches seen by the listener");
            assertEquals(4, events[1]);
            for (EpochSummary epoch : epochs) {
                assertEquals(SAMPLES / 16, epoch.stepSeconds().size(), "one time per step");
                double training = epoch.stepSeconds().stream().mapToDouble(Double::doubleValue).sum();
                assertTrue(epoch.stepSeconds().stream().allMatch(seconds -> seconds > 0), epoch.toString());
                assertTrue(epoch.validationSeconds() > 0, "validation was timed: " + epoch);
                assertTrue(training + epoch.validationSeconds() <= epoch.seconds(),
                        "the steps and the validation are parts of the epoch: " + epoch);
            }
            EpochSummary first = epochs.get(0);
            EpochSummary last = epochs.get(3);
            assertTrue(last.trainLosses().get("value") < first.trainLosses().get("value"), epochs.toString());
            assertEquals(List.of("value_loss", "flag_loss", "flag_f1"), List.copyOf(last.validation().keySet()));
            double f1 = last.validation().get("flag_f1");
            assertTrue(f1 > 0.6 && f1 <= 1, "F1 after training: " + f1);
            String printed = console.toString();
            assertTrue(printed.contains("epoch 4:") && printed.contains("val flag_f1"), printed);
        }
    }

    @Test
    void savesAndLoadsParametersRotationsIncluded(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel trained = model(manager);
            MultiTaskFit fit = fit(trained, config());
            assertEquals(0, fit.fit(data(manager, 1), null).get(0).validationSeconds(), "no validation, no time");
            Path file = folder.resolve("model.params");
            fit.save(file);

            MultiTaskModel fresh = model(manager);
            fresh.rotations().generator().getArray().set(new float[6 * 6 * 2]);
            MultiTaskFit reloaded = fit(fresh, config());
            reloaded.load(file);
            NDList x = new NDList(manager.randomNormal(new Shape(5, 4)));
            ParameterStore store = new ParameterStore(manager, false);
            NDList expected = trained.forward(store, x, false);
            NDList actual = fresh.forward(store, x, false);
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(expected.get(k).toFloatArray(), actual.get(k).toFloatArray());
            }
            assertArrayEquals(trained.rotations().generator().getArray().toFloatArray(),
                    fresh.rotations().generator().getArray().toFloatArray());
            assertFalse(java.util.Arrays.equals(new float[72], fresh.rotations().generator().getArray().toFloatArray()));
            NDArray single = trained.taskBlock(1).forward(store, x, false).singletonOrThrow();
            assertArrayEquals(expected.get(1).toFloatArray(), single.toFloatArray(), "single-task path");
        }
    }

    @Test
    void aDatasetWithTheWrongNumberOfLabelsIsAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel model = model(manager);
            NDArray x = manager.randomNormal(new Shape(8, 4));
            ArrayDataset oneLabel = new ArrayDataset.Builder().setData(x).optLabels(x.get(":, 0:1"))
                    .setSampling(4, false).build();
            MultiTaskFit fit = fit(model, config());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.fit(oneLabel, null));
            assertTrue(e.getMessage().contains("a batch has 1 label arrays, but the model has 2 tasks [value, flag]"),
                    e.getMessage());
        }
    }
}
