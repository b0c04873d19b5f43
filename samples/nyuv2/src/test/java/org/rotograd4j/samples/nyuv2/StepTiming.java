package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.Devices;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;

/**
 * Reports the time per training step of the NYUv2 SegNet (three tasks, Adam) on random scenes: the median
 * and the fastest of some steps after warm-up steps, per method.
 *
 * <p>Run: {@code mvn -B -q -f samples/nyuv2 test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.rotograd4j.samples.nyuv2.StepTiming -Dexec.args="--size 288x384 --batch 2"}; other
 * options: {@code --filters 64} (SegNet width), {@code --steps 3}, {@code --warmup 1}, {@code --methods
 * vanilla,rotograd}.
 */
public final class StepTiming {

    private StepTiming() {}

    /**
     * Runs the measurement.
     *
     * @param args {@code --name value} options, see the class comment
     */
    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("size", "288x384", "batch", "2", "filters",
                String.valueOf(SegNetModel.DEFAULT_WIDTH), "steps", "3", "warmup", "1", "methods", "vanilla,rotograd"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String[] size = options.get("size").split("x");
        int height = Integer.parseInt(size[0]);
        int width = Integer.parseInt(size[1]);
        int batch = Integer.parseInt(options.get("batch"));
        int filters = Integer.parseInt(options.get("filters"));
        System.out.printf("device %s, %d cores; SegNet width %d, scenes %dx%d, batch %d%n", Devices.preferred(),
                Runtime.getRuntime().availableProcessors(), filters, height, width, batch);
        for (String spec : options.get("methods").split(",")) {
            MultiTaskMethod method = Methods.parse(spec);
            double[] times = measure(method, height, width, batch, filters, Integer.parseInt(options.get("warmup")),
                    Integer.parseInt(options.get("steps")));
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            System.out.printf("%-10s median %8.0f ms/step, fastest %8.0f ms/step, steps %s%n", method.id(),
                    sorted[sorted.length / 2], sorted[0], Arrays.toString(Arrays.stream(times).map(Math::rint).toArray()));
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
