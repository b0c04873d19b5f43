package org.rotograd4j.samples.multimnist;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.Measure;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains MultiMNIST (paper §6.1) on real IDX files with several methods and seeds, from identical initial
 * weights per seed, and compares them with {@link MethodComparison}: accuracy (left, right), MSE (sum,
 * pixels), F1 (parity), the relative improvement Δ_k over single-task models trained here, and the time of
 * a step, an epoch and a run. Writes {@code multimnist-runs.csv/.json}, {@code multimnist-summary.csv/.json},
 * {@code multimnist-curves.png}, {@code multimnist-deltas.png} and {@code multimnist-report.html} to the output
 * folder.
 *
 * <p>Run: {@code mvn -q -f samples/multimnist exec:java -Dexec.args="--data /usr/share/datasets/fashion-mnist"}.
 */
@Command(name = "multimnist", description = "Compares multi-task methods on MultiMNIST (paper §6.1).")
public final class MultiMnistSample implements Callable<Integer> {

    /** The measure that judges each task, as {@code evaluate} names it, with the direction it improves in. */
    static final Map<String, Measure> MEASURES = Map.of("left", Measure.higherIsBetter("left_accuracy"),
            "right", Measure.higherIsBetter("right_accuracy"), "sum", Measure.lowerIsBetter("sum_loss"),
            "parity", Measure.higherIsBetter("parity_f1"), "pixels", Measure.lowerIsBetter("pixels_loss"));

    @Mixin
    private TrainingOptions options;

    @Option(names = "--train-size", defaultValue = "10000", paramLabel = "PAIRS",
            description = "training pairs (default: ${DEFAULT-VALUE})")
    private int trainSize;

    @Option(names = "--test-size", defaultValue = "2000", paramLabel = "PAIRS",
            description = "test pairs (default: ${DEFAULT-VALUE})")
    private int testSize;

    private MultiMnistSample() {}

    /**
     * Runs the comparison; exits with status 2 on a bad option or without the data.
     *
     * @param args {@code --name value} options; {@code --help} lists them
     */
    public static void main(String[] args) {
        int status = TrainingOptions.execute(new MultiMnistSample(), args,
                Map.of("data", "/usr/share/datasets/fashion-mnist", "output", "target/multimnist"));
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the comparison with the parsed options.
     *
     * @return 0 when done, 2 without the data
     * @throws IOException if the data cannot be read or the results written
     */
    @Override
    public Integer call() throws IOException {
        Path data = options.data();
        Path[] files = {find(data, "train-images-idx3-ubyte"), find(data, "train-labels-idx1-ubyte"),
            find(data, "t10k-images-idx3-ubyte"), find(data, "t10k-labels-idx1-ubyte")};
        for (Path file : files) {
            if (file == null) {
                System.err.println("No IDX files in " + data.toAbsolutePath() + ". MultiMNIST needs MNIST's or "
                        + "Fashion-MNIST's train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                        + "t10k-labels-idx1-ubyte (gzipped or not).\nOn Debian: apt-get install dataset-fashion-mnist, "
                        + "then --data /usr/share/datasets/fashion-mnist");
                return 2;
            }
        }
        Runner runner = new Runner(IdxFile.readImages(files[0]), IdxFile.readLabels(files[1]),
                IdxFile.readImages(files[2]), IdxFile.readLabels(files[3]));
        MethodComparison.Builder comparison = MethodComparison.builder()
                .setMethods(options.methods())
                .setSeeds(options.seeds())
                .setRunner(runner::train);
        MultiMnist.TASKS.forEach(task -> comparison.addTask(task, MEASURES.get(task)));
        MethodComparison.Result result = comparison.build().run();
        System.out.println(result.runs().render());
        System.out.println(result.summary().render());
        Path report = result.write(options.output(), "multimnist");
        System.out.println("wrote multimnist-runs/-summary .csv/.json, -curves.png, -deltas.png and the report "
                + report.toAbsolutePath());
        return 0;
    }

    private static Path find(Path folder, String name) {
        for (Path candidate : List.of(folder.resolve(name), folder.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Trains one MultiMNIST model with the generated trainer. */
    private final class Runner {
        private final IdxFile trainImages;
        private final IdxFile trainLabels;
        private final IdxFile testImages;
        private final IdxFile testLabels;

        Runner(IdxFile trainImages, IdxFile trainLabels, IdxFile testImages, IdxFile testLabels) {
            this.trainImages = trainImages;
            this.trainLabels = trainLabels;
            this.testImages = testImages;
            this.testLabels = testLabels;
        }

        MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            MultiTaskModel.Builder builder = MultiMnistModelMultiTask.builder(new MultiMnistModel());
            OptionalInt rotationSize = options.rotationSize();
            if (!method.rotates() || rotationSize.equals(OptionalInt.of(0))) {
                builder.clearRotation();
            } else if (rotationSize.isPresent()) {
                builder.optRotation(rotationSize.getAsInt(), FeatureAxis.FEATURES, RotationInit.HAAR, seed);
            }
            options.applyRotationChoices(builder);
            MultiTaskModel block = tasks.size() == MultiMnist.TASKS.size() ? builder.build() : only(builder.build(), tasks);
            MultiMnist train = dataset(trainImages, trainLabels, trainSize, seed, tasks, true);
            MultiMnist test = dataset(testImages, testLabels, testSize, seed + 1000, tasks, false);
            try (MultiMnistModelTraining trainer = MultiMnistModelTraining.builder(block)
                    .setInputShapes(new Shape(1, 1, MultiMnist.SIDE, MultiMnist.SIDE))
                    .optDevice(options.device())
                    .optConfig(options.config(seed).optMethod(() -> method).build())
                    .build()) {
                System.out.println("== " + (tasks.size() == 1 ? "single " + tasks.get(0) : method.id()) + " seed " + seed);
                List<EpochSummary> epochs = trainer.fit(train, null);
                Map<String, Double> measures = trainer.evaluate(test);
                System.out.println("   test " + measures);
                return new MethodComparison.Run(measures, epochs);
            }
        }

        private MultiMnist dataset(IdxFile images, IdxFile labels, int pairs, long seed, List<String> tasks,
                boolean shuffle) {
            return MultiMnist.builder().setItems(images, labels).optPairs(pairs).optSeed(seed)
                    .optTasks(tasks).setSampling(options.batchSize(), shuffle).build();
        }
    }

    /** A model with the backbone and only the given tasks of {@code full}. */
    private static MultiTaskModel only(MultiTaskModel full, List<String> tasks) {
        MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(full.backbone());
        for (String task : tasks) {
            builder.addTask(full.tasks().get(full.taskIndex(task)));
        }
        return builder.build();
    }
}
