package org.rotograd4j.bench;

import org.rotograd4j.train.MultiTaskConfig;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.rotograd4j.loss.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.Adam;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.Task;

/**
 * Reports the time per training step of Vanilla and RotoGrad, with each rotation parametrization, on an MLP
 * backbone (784-1024-1024, batch 128, K = 3 regression heads) for several rotation sizes m: median of 20
 * steps after 5 warm-up steps, and the ratio to Vanilla measured in the same run. Not a test.
 *
 * <p>Run: {@code mvn -B -q -f runtime exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.rotograd4j.bench.StepBenchmark [-Dexec.args="128 256 512 1024"]}.
 */
public final class StepBenchmark {

    private static final int BATCH = 128;
    private static final int TASKS = 3;
    private static final int WARM_UP = 5;
    private static final int MEASURED = 20;

    private StepBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args rotation sizes to measure; default 256 and 1024
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {256, 1024} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("device %s, %d threads; MLP 784-1024-1024, batch %d, K=%d%n",
                org.rotograd4j.Devices.preferred(), Runtime.getRuntime().availableProcessors(), BATCH, TASKS);
        System.out.printf("%-10s %-12s %6s %7s %10s %10s%n", "method", "rotations", "m", "blocks", "ms/step",
                "/Vanilla");
        double vanilla = median(new Vanilla(), 0, RotationParametrization.EXPONENTIAL, 1);
        System.out.printf("%-10s %-12s %6s %7s %10.1f %10.2f%n", "Vanilla", "-", "-", "-", vanilla, 1.0);
        for (int m : sizes) {
            for (int blocks : new int[] {1, Math.max(1, m / 64)}) {
                for (RotationParametrization parametrization : RotationParametrization.values()) {
                    double time = median(new RotoGrad(), m, parametrization, blocks);
                    System.out.printf("%-10s %-12s %6d %7d %10.1f %10.2f%n", "RotoGrad",
                            parametrization.name().toLowerCase(java.util.Locale.ROOT), m, blocks, time, time / vanilla);
                }
                if (m <= 64) {
                    break;
                }
            }
        }
    }

    private static double median(MultiTaskMethod method, int rotationSize, RotationParametrization parametrization,
            int blocks) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            SequentialBlock backbone = new SequentialBlock()
                    .add(Linear.builder().setUnits(1024).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(1024).build()).add(Activation.reluBlock());
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(backbone);
            List<NDList> labels = new ArrayList<>();
            for (int k = 0; k < TASKS; k++) {
                builder.addTask(Task.of("t" + k, Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse")));
                labels.add(new NDList(manager.randomNormal(new Shape(BATCH, 1))));
            }
            if (rotationSize > 0) {
                builder.optRotation(rotationSize, RotationInit.HAAR, 1).optRotationParametrization(parametrization)
                        .optRotationBlocks(blocks);
            }
            MultiTaskModel model = builder.build();
            model.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 784));
            BatchTrainer trainer = new BatchTrainer(model, MultiTaskConfig.builder().optMethod(() -> method)
                    .optNetworkLearningRate(1e-3).optRotationLearningRate(1e-4).build());
            NDList inputs = new NDList(manager.randomNormal(new Shape(BATCH, 784)));
            double[] times = new double[MEASURED];
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                long start = System.nanoTime();
                trainer.step(inputs, labels);
                if (i >= WARM_UP) {
                    times[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(times);
            return times[MEASURED / 2];
        }
    }
}
