package org.rotograd4j.samples.celeba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rotograd4j.Devices;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.report.Statistics;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.samples.celeba.CelebASample.Architecture;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Reports the time per training step of both CelebA models with Vanilla and RotoGrad (annotated rotation
 * sizes, each parametrization, full and block rotations of 64) on random images and labels: the median of some
 * steps after warm-up, on the preferred device, with the ratio to Vanilla measured in the same run.
 *
 * <p>Run: {@code mvn -q -o -f samples/celeba exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.rotograd4j.samples.celeba.CelebAStepTimer [-Dexec.args="IMAGE BATCH WARMUP STEPS [conv|resnet]"]},
 * default {@code 64 64 2 5}, both models.
 */
@Command(name = "celeba-step-timer", mixinStandardHelpOptions = true,
        description = "Times training steps of the CelebA models with Vanilla and RotoGrad on random data.")
public final class CelebAStepTimer implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "64", paramLabel = "IMAGE", description = "image side (default: 64)")
    private int imageSize;

    @Parameters(index = "1", defaultValue = "64", paramLabel = "BATCH", description = "batch size (default: 64)")
    private int batch;

    @Parameters(index = "2", defaultValue = "2", paramLabel = "WARMUP", description = "warm-up steps (default: 2)")
    private int warmUp;

    @Parameters(index = "3", defaultValue = "5", paramLabel = "STEPS", description = "measured steps (default: 5)")
    private int steps;

    @Parameters(index = "4", arity = "0..1", paramLabel = "conv|resnet", description = "one model (default: both)")
    private Architecture model;

    private CelebAStepTimer() {}

    /**
     * Runs the measurement.
     *
     * @param args image size, batch size, warm-up steps, measured steps, and optionally one model
     */
    public static void main(String[] args) {
        System.exit(TrainingOptions.execute(new CelebAStepTimer(), args, Map.of()));
    }

    @Override
    public Integer call() {
        List<Architecture> architectures = model != null ? List.of(model) : List.of(Architecture.values());
        System.out.printf(Locale.ROOT, "device %s, %d cores; images %dx%d, batch %d, 40 tasks; median of %d steps "
                + "after %d warm-up steps%n", Devices.preferred(), Runtime.getRuntime().availableProcessors(),
                imageSize, imageSize, batch, steps, warmUp);
        for (Architecture architecture : architectures) {
            double vanilla = report(architecture, new Vanilla(), RotationParametrization.EXPONENTIAL, 1, imageSize,
                    batch, warmUp, steps, Double.NaN);
            int size = architecture.builder(imageSize).build().rotations().layout().size();
            for (int blocks : new int[] {1, Math.max(1, size / 64)}) {
                for (RotationParametrization parametrization : RotationParametrization.values()) {
                    if (size > 1024 && blocks == 1 && parametrization == RotationParametrization.EXPONENTIAL) {
                        System.out.printf(Locale.ROOT, "%-7s RotoGrad  exponential  %4d blocks   skipped: K matrix "
                                + "exponentials of %dx%d take minutes per step on a CPU%n", architecture, blocks, size, size);
                        continue;
                    }
                    report(architecture, new RotoGrad(), parametrization, blocks, imageSize, batch, warmUp, steps,
                            vanilla);
                }
            }
        }
        return 0;
    }

    /** Times one configuration, prints it, and returns its median step time. */
    private static double report(Architecture architecture, MultiTaskMethod method,
            RotationParametrization parametrization, int blocks, int imageSize, int batch, int warmUp, int steps,
            double vanilla) {
        double[] times = time(architecture, method, parametrization, blocks, imageSize, batch, warmUp, steps);
        double median = Statistics.median(Arrays.copyOfRange(times, 1, times.length));
        System.out.printf(Locale.ROOT, "%-7s %-9s %-12s %4s blocks %9.0f ms/step %6.2f x Vanilla  (set-up %.0f ms;"
                + " steps: %s)%n", architecture, method.name(), method.rotates()
                        ? parametrization.name().toLowerCase(Locale.ROOT) : "-", method.rotates() ? blocks : "-", median,
                Double.isNaN(vanilla) ? 1.0 : median / vanilla, times[0],
                Arrays.toString(Arrays.stream(times, 1, times.length).map(Math::rint).toArray()));
        return median;
    }

    /** Returns the set-up time (building and initializing, Haar bases included), then each measured step's. */
    private static double[] time(Architecture architecture, MultiTaskMethod method,
            RotationParametrization parametrization, int blocks, int imageSize, int batch, int warmUp, int steps) {
        long setUp = System.nanoTime();
        MultiTaskModel.Builder builder = architecture.builder(imageSize).optRotationParametrization(parametrization)
                .optRotationBlocks(blocks);
        if (!method.rotates()) {
            builder.clearRotation();
        }
        try (MultiTaskTraining training = MultiTaskTraining.builder(builder.build())
                .setInputShapes(new Shape(1, 3, imageSize, imageSize)).optConfig(MultiTaskConfig.builder().optMethod(() -> method).optSeed(1).build()).build();
                NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(manager.randomNormal(new Shape(batch, 3, imageSize, imageSize)));
            List<NDList> labels = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                NDArray bits = manager.randomUniform(0, 1, new Shape(batch, 1)).gt(0.5);
                labels.add(new NDList(bits.toType(DataType.FLOAT32, false)));
            }
            double setUpMs = (System.nanoTime() - setUp) / 1e6;
            BatchTrainer trainer = training.trainer();
            for (int i = 0; i < warmUp; i++) {
                trainer.step(inputs, labels);
            }
            double[] times = new double[steps + 1];
            times[0] = setUpMs;
            for (int i = 1; i <= steps; i++) {
                long start = System.nanoTime();
                trainer.step(inputs, labels);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            return times;
        }
    }
}
