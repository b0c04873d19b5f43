package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.rotograd4j.loss.Losses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.optim.Adam;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;

/** RotoGrad on a conv map [B, C, H, W], rotating the first m channels at every pixel. */
class ConvFeatureTest {

    private static final int BATCH = 4;
    private static final int CHANNELS = 6;
    private static final int M = 4;
    private static final int SIDE = 5;

    @Test
    void rotatesChannelsAndAveragesTheRotationLossOverTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(2);
            SequentialBlock backbone = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(CHANNELS).build())
                    .add(Activation.tanhBlock());
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(backbone);
            List<NDList> labels = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                builder.addTask(Task.of("t" + k, new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(1).build()), Losses.meanSquaredError("mse")));
                labels.add(new NDList(manager.randomNormal(new Shape(BATCH, 1))));
            }
            MultiTaskModel model = builder.optRotation(M, FeatureAxis.CHANNELS, RotationInit.HAAR, 4).build();
            model.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 2, SIDE, SIDE));
            BatchTrainer trainer = new BatchTrainer(model, MultiTaskConfig.builder().optMethod(RotoGrad::new)
                    .optNetworkLearningRate(1e-2).optRotationLearningRate(1e-3).build());
            NDList inputs = new NDList(manager.randomNormal(new Shape(BATCH, 2, SIDE, SIDE)));

            StepTrace trace = new StepTrace();
            StepResult first = trainer.step(inputs, labels, trace);
            int pixels = SIDE * SIDE;
            double[] v = trace.get("target");
            for (int k = 0; k < 2; k++) {
                double[] r = trace.get("rotation/" + k);
                double[] g = trace.get("grad_r/" + k);
                double sum = 0;
                for (int b = 0; b < BATCH; b++) {
                    for (int p = 0; p < pixels; p++) {
                        for (int c = 0; c < CHANNELS; c++) {
                            double rv = v[(b * CHANNELS + c) * pixels + p];
                            if (c < M) {
                                rv = 0;
                                for (int j = 0; j < M; j++) {
                                    rv += r[c * M + j] * v[(b * CHANNELS + j) * pixels + p];
                                }
                            }
                            double diff = rv - g[(b * CHANNELS + c) * pixels + p];
                            sum += diff * diff;
                        }
                    }
                }
                assertEquals(sum / BATCH, first.rotationLosses()[k], 1e-5 * Math.max(1, sum / BATCH), "task " + k);
            }
            double last = first.totalLoss();
            for (int i = 0; i < 60; i++) {
                last = trainer.step(inputs, labels).totalLoss();
            }
            assertTrue(last < 0.5 * first.totalLoss(), first.totalLoss() + " -> " + last);
        }
    }
}
