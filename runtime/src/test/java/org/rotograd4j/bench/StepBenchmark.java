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
 * steps after 5 warm-up steps (with min and max), the ratio to Vanilla measured in the same run, and the live
 * native arrays and used heap before and after the measured steps; also as {@code target/step-benchmark.json}.
 * Not a test.
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
        System.out.printf("%-10s %-12s %6s %7s %9s %9s %9s %9s %13s %15s%n", "method", "rotations", "m", "blocks",
                "median", "min", "max", "/Vanilla", "live arrays", "heap MB");
        List<Measure> measures = new ArrayList<>();
        Measure vanilla = measure("Vanilla", new Vanilla(), 0, RotationParametrization.EXPONENTIAL, 1);
        measures.add(vanilla);
        for (int m : sizes) {
            for (int blocks : new int[] {1, Math.max(1, m / 64)}) {
                for (RotationParametrization parametrization : RotationParametrization.values()) {
                    measures.add(measure("RotoGrad", new RotoGrad(), m, parametrization, blocks));
                }
                if (m <= 64) {
                    break;
                }
            }
        }
        com.google.gson.JsonArray json = new com.google.gson.JsonArray();
        for (Measure x : measures) {
            System.out.printf("%-10s %-12s %6s %7s %9.1f %9.1f %9.1f %9.2f %6d -> %-6d %6d -> %-6d%n", x.method(),
                    x.m() == 0 ? "-" : x.parametrization(), x.m() == 0 ? "-" : String.valueOf(x.m()),
                    x.m() == 0 ? "-" : String.valueOf(x.blocks()), x.median(), x.min(), x.max(),
                    x.median() / vanilla.median(), x.arraysBefore(), x.arraysAfter(), x.heapBefore(), x.heapAfter());
            com.google.gson.JsonObject row = new com.google.gson.Gson().toJsonTree(x).getAsJsonObject();
            row.addProperty("ratio_to_vanilla", x.median() / vanilla.median());
            json.add(row);
        }
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "step-benchmark.json");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, new com.google.gson.GsonBuilder().setPrettyPrinting().create()
                    .toJson(json));
            System.out.println("wrote " + file.toAbsolutePath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One configuration's step times (ms) and memory.
     *
     * @param method the method's name
     * @param parametrization the rotations' parametrization
     * @param m the rotation size, 0 for none
     * @param blocks the blocks of each rotation
     * @param median the median time per step
     * @param min the fastest step
     * @param max the slowest step
     * @param arraysBefore the live native arrays after the warm-up steps
     * @param arraysAfter the live native arrays after the measured steps
     * @param heapBefore the used Java heap (MB) after the warm-up steps
     * @param heapAfter the used Java heap (MB) after the measured steps
     */
    private record Measure(String method, String parametrization, int m, int blocks, double median, double min,
            double max, int arraysBefore, int arraysAfter, long heapBefore, long heapAfter) {}

    private static long heapMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private static Measure measure(String name, MultiTaskMethod method, int rotationSize,
            RotationParametrization parametrization, int blocks) {
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
            int arraysBefore = 0;
            long heapBefore = 0;
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                if (i == WARM_UP) {
                    arraysBefore = manager.getManagedArrays().size();
                    heapBefore = heapMegabytes();
                }
                long start = System.nanoTime();
                trainer.step(inputs, labels);
                if (i >= WARM_UP) {
                    times[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(times);
            return new Measure(name, parametrization.name().toLowerCase(java.util.Locale.ROOT), rotationSize, blocks,
                    times[MEASURED / 2], times[0], times[MEASURED - 1], arraysBefore, manager.getManagedArrays().size(),
                    heapBefore, heapMegabytes());
        }
    }
}
