package org.rotograd4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Progress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rotograd4j.train.MultiTaskConfig;
import org.junit.jupiter.api.Test;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.optim.Adam;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.Task;

/** Data a fit or an evaluation cannot use, and evaluation's averaging over samples. */
class FitBadInputTest {

    private static final int INPUTS = 4;

    /** Two regression tasks on the same inputs. */
    private static MultiTaskModel model(NDManager manager) {
        manager.getEngine().setRandomSeed(4);
        MultiTaskModel model = MultiTaskModel.builder()
                .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation.tanhBlock()))
                .addTask(Task.of("value", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse")))
                .addTask(Task.of("other", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse2")))
                .optRotation(6, RotationInit.HAAR, 1)
                .build();
        model.initialize(manager, DataType.FLOAT32, new Shape(1, INPUTS));
        return model;
    }

    private static MultiTaskConfig.Builder config() {
        return MultiTaskConfig.builder().optMethod(RotoGrad::new).optNetworkLearningRate(0.02)
                .optRotationLearningRate(0.002).optConsoleProgress(false).optSeed(3);
    }

    private static MultiTaskFit fit(MultiTaskModel model, MultiTaskConfig.Builder config) {
        return new MultiTaskFit(new BatchTrainer(model, config.build()));
    }

    private static ArrayDataset emptyArrayDataset(NDManager manager) {
        return new ArrayDataset.Builder()
                .setData(manager.zeros(new Shape(0, INPUTS)))
                .optLabels(manager.zeros(new Shape(0, 1)), manager.zeros(new Shape(0, 1)))
                .setSampling(16, false)
                .build();
    }

    /** A dataset whose iteration gives no batch at all. */
    private static Dataset noBatches() {
        return new Dataset() {
            @Override
            public Iterable<Batch> getData(NDManager manager) {
                return List.of();
            }

            @Override
            public void prepare(Progress progress) {}
        };
    }

    @Test
    void fitOnAnEmptyArrayDatasetSaysItIsEmpty() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (boolean batchSize : new boolean[] {false, true}) {
                MultiTaskConfig.Builder config = config();
                if (batchSize) {
                    config.optBatchSize(16);
                }
                MultiTaskFit fit = fit(model(manager), config);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> fit.fit(emptyArrayDataset(manager), null), "batch size set: " + batchSize);
                assertTrue(e.getMessage().contains("empty"), e.getMessage());
                assertEquals(0, fit.trainer().steps());
                assertEquals(0, fit.epochsDone());
            }
        }
    }

    @Test
    void fitOnADatasetThatGivesNoBatchSaysItIsEmpty() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskFit fit = fit(model(manager), config().optEpochs(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.fit(noBatches(), null));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            assertEquals(0, fit.epochsDone());
        }
    }

    @Test
    void evaluateOnAnEmptyDatasetIsAnIllegalArgument() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskFit fit = fit(model(manager), config());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fit.evaluate(emptyArrayDataset(manager)));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            MultiTaskFit sized = fit(model(manager), config().optBatchSize(16));
            assertThrows(IllegalArgumentException.class, () -> sized.evaluate(emptyArrayDataset(manager)));
            assertThrows(IllegalArgumentException.class, () -> fit.evaluate(noBatches()));
        }
    }

    @Test
    void evaluateAveragesLossesOverSamplesNotBatches() throws Exception {
        int samples = 260;
        int batch = 100;
        Random random = new Random(7);
        float[] xs = new float[samples * INPUTS];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
        }
        float[] values = new float[samples];
        float[] others = new float[samples];
        for (int n = 0; n < samples; n++) {
            // The last, smaller batch has much larger errors, so that how batches are weighted matters.
            values[n] = 2 * xs[n * INPUTS] + xs[n * INPUTS + 1] + (n >= 2 * batch ? 4 : 0);
            others[n] = xs[n * INPUTS + 2];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel model = model(manager);
            NDArray x = manager.create(xs, new Shape(samples, INPUTS));
            NDArray value = manager.create(values, new Shape(samples, 1));
            NDArray other = manager.create(others, new Shape(samples, 1));
            ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(value, other)
                    .setSampling(batch, false).build();

            NDList predictions = model.forward(new ParameterStore(manager, false), new NDList(x), false);
            float[][] labels = {values, others};
            String[] names = {"value", "other"};

            Map<String, Double> ownBatches = fit(model, config()).evaluate(data);
            Map<String, Double> sizedBatches = fit(model, config().optBatchSize(batch)).evaluate(data);
            for (int k = 0; k < 2; k++) {
                float[] prediction = predictions.get(k).toFloatArray();
                assertEquals(samples, prediction.length);
                double total = 0;
                double[] batchSums = new double[3];
                for (int n = 0; n < samples; n++) {
                    double error = (double) prediction[n] - labels[k][n];
                    total += error * error;
                    batchSums[n / batch] += error * error;
                }
                double perSample = total / samples;
                double perBatch = (batchSums[0] / batch + batchSums[1] / batch + batchSums[2] / (samples - 2 * batch)) / 3;

                String key = names[k] + "_loss";
                assertEquals(perSample, ownBatches.get(key), 1e-5 * perSample, key + " with the dataset's batches");
                assertEquals(perSample, sizedBatches.get(key), 1e-5 * perSample, key + " with optBatchSize");
                if (k == 0) {
                    assertTrue(Math.abs(perBatch - perSample) > 1e-2 * perSample,
                            "the mean of batch means should differ from the mean over samples: " + perBatch + " vs "
                                    + perSample);
                    assertTrue(Math.abs(perBatch - ownBatches.get(key)) > 1e-2 * perSample,
                            "evaluate gave the mean of batch means " + perBatch);
                }
            }
        }
    }
}
