package org.rotograd4j.fit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import java.nio.file.Path;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import java.util.List;
import java.util.Random;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MethodDescriptor;
import org.rotograd4j.method.Methods;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;

/**
 * The run that resume tests interrupt: 100 samples in batches of 8 (13 batches an epoch, the last one of 4),
 * 5 epochs, normalized losses with a burn-in at step 10, Adam with decaying schedules, rotations.
 * Everything is the same in any JVM: the data comes from a seeded Java generator.
 */
final class ResumeScenario {

    static final int SAMPLES = 100;
    static final int BATCH = 8;
    static final int EPOCHS = 5;
    static final int STEPS = EPOCHS * 13;

    private ResumeScenario() {}

    static MultiTaskTraining training(String method, CheckpointPolicy checkpoints) {
        MultiTaskModel model = MultiTaskModel.builder()
                .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation.tanhBlock()))
                .addTask(Task.of("value", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("value")))
                .addTask(Task.of("flag", Linear.builder().setUnits(1).build(), Losses.sigmoidBinaryCrossEntropy("flag")))
                .addTask(Task.of("other", Linear.builder().setUnits(2).build(), Losses.meanSquaredError("other")))
                .optRotation(6, RotationInit.HAAR, 3)
                .build();
        MultiTaskConfig.Builder config = MultiTaskConfig.builder()
                .optMethod(() -> Methods.parse(method))
                .optNetworkLearningRate(LearningRateSchedule.inverseDecay(1e-2, 0.05, 0.5))
                .optRotationLearningRate(LearningRateSchedule.twoTimescale(1e-3, 0.05, 0.5))
                .optNormalizeLosses(true)
                .optBurnInPeriod(10)
                .optBatchSize(BATCH)
                .optEpochs(EPOCHS)
                .optSeed(17)
                .optConsoleProgress(false);
        if (checkpoints != null) {
            config.optCheckpoints(checkpoints);
        }
        return MultiTaskTraining.builder(model).setInputShapes(new Shape(1, 4)).optConfig(config.build()).build();
    }

    static ArrayDataset data(NDManager manager) {
        Random random = new Random(3);
        float[] x = new float[SAMPLES * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] value = new float[SAMPLES];
        float[] flag = new float[SAMPLES];
        float[] other = new float[SAMPLES * 2];
        for (int n = 0; n < SAMPLES; n++) {
            value[n] = 2 * x[4 * n] + x[4 * n + 1];
            flag[n] = x[4 * n + 2] > 0 ? 1 : 0;
            other[2 * n] = x[4 * n + 3] * x[4 * n];
            other[2 * n + 1] = -x[4 * n + 1];
        }
        NDArray inputs = manager.create(x, new Shape(SAMPLES, 4));
        return new ArrayDataset.Builder().setData(inputs)
                .optLabels(manager.create(value, new Shape(SAMPLES, 1)), manager.create(flag, new Shape(SAMPLES, 1)),
                        manager.create(other, new Shape(SAMPLES, 2)))
                .setSampling(BATCH, false).build();
    }

    /** The folder of a method's files under {@code root}. */
    static Path folder(Path root, String method) {
        return root.resolve(method.replace(':', '_'));
    }

    static List<String> methods() {
        return Methods.all().stream().map(MethodDescriptor::name).toList();
    }
}
