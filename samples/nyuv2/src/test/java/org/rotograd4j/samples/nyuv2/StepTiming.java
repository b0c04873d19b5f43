package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rotograd4j.Devices;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.Statistics;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Reports the time per training step of the NYUv2 SegNet (three tasks, Adam) on random scenes: the median
 * and the fastest of some steps after warm-up steps, per method.
 *
 * <p>Run: {@code mvn -B -q -f samples/nyuv2 test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.rotograd4j.samples.nyuv2.StepTiming -Dexec.args="--size 288x384 --batch 2"}; other
 * options: {@code --filters 64} (SegNet width), {@code --steps 3}, {@code --warmup 1}, {@code --methods
 * vanilla,rotograd}.
 */
@Command(name = "nyuv2-step-timing", mixinStandardHelpOptions = true,
        description = "Times training steps of the NYUv2 SegNet on random scenes.")
public final class StepTiming implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "288x384", paramLabel = "HxW", converter = SceneSize.class,
            description = "scene height x width (default: ${DEFAULT-VALUE})")
    private int[] size;

    @Option(names = "--batch", defaultValue = "2", description = "scenes per step (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--filters", defaultValue = "" + SegNetModel.DEFAULT_WIDTH,
            description = "SegNet width (default: ${DEFAULT-VALUE})")
    private int filters;

    @Option(names = "--steps", defaultValue = "3", description = "measured steps (default: ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--warmup", defaultValue = "1", description = "warm-up steps (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--methods", split = ",", defaultValue = "vanilla,rotograd",
            description = "methods, comma-separated (default: ${DEFAULT-VALUE})")
    private List<String> methods;

    private StepTiming() {}

    /**
     * Runs the measurement.
     *
     * @param args {@code --name value} options, see the class comment
     */
    public static void main(String[] args) {
        System.exit(TrainingOptions.execute(new StepTiming(), args, Map.of()));
    }

    @Override
    public Integer call() {
        int height = size[0];
        int width = size[1];
        System.out.printf("device %s, %d cores; SegNet width %d, scenes %dx%d, batch %d%n", Devices.preferred(),
                Runtime.getRuntime().availableProcessors(), filters, height, width, batch);
        for (String spec : methods) {
            MultiTaskMethod method = Methods.parse(spec);
            double[] times = measure(method, height, width, batch, filters, warmup, steps);
            System.out.printf("%-10s median %8.0f ms/step, fastest %8.0f ms/step, steps %s%n", method.id(),
                    Statistics.median(times), Statistics.min(times),
                    Arrays.toString(Arrays.stream(times).map(Math::rint).toArray()));
        }
        return 0;
    }

    /** Reads {@code HxW}, such as {@code 288x384}. */
    static final class SceneSize implements ITypeConverter<int[]> {
        @Override
        public int[] convert(String value) {
            if (!value.matches("\\d{1,6}x\\d{1,6}")) {
                throw new TypeConversionException("expected HxW such as 288x384, got '" + value + "'");
            }
            String[] sides = value.split("x");
            return new int[] {Integer.parseInt(sides[0]), Integer.parseInt(sides[1])};
        }
    }

    private static double[] measure(MultiTaskMethod method, int height, int width, int batch, int filters,
            int warmup, int steps) {
        MultiTaskModel.Builder builder = SegNetModelMultiTask.builder(new SegNetModel(filters));
        if (method.rotates()) {
            builder.optRotation(filters, FeatureAxis.CHANNELS, RotationInit.HAAR, 1);
        } else {
            builder.clearRotation();
        }
        try (SegNetModelTraining training = SegNetModelTraining.builder(builder.build())
                        .setInputShapes(new Shape(1, 3, height, width)).optConfig(MultiTaskConfig.builder().optMethod(() -> method).optSeed(1).optConsoleProgress(false).build()).build();
                NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            BatchTrainer trainer = training.training().trainer();
            NDArray image = manager.randomUniform(0, 1, new Shape(batch, 3, height, width));
            NDArray classes = manager.randomInteger(-1, NyuV2.CLASSES, new Shape(batch, height, width), DataType.INT64);
            NDArray depth = manager.randomUniform(0, 5, new Shape(batch, 1, height, width));
            NDArray normals = NyuV2Losses.unitVectors(manager.randomNormal(new Shape(batch, 3, height, width)));
            List<NDList> labels = List.of(new NDList(classes), new NDList(depth), new NDList(normals));
            List<Double> times = new ArrayList<>();
            for (int step = 0; step < warmup + steps; step++) {
                long start = System.nanoTime();
                trainer.step(new NDList(image), labels);
                if (step >= warmup) {
                    times.add((System.nanoTime() - start) / 1e6);
                }
            }
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
