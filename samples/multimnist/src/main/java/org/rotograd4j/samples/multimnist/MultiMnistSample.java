package org.rotograd4j.samples.multimnist;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;

/**
 * Trains MultiMNIST (paper §6.1) on real IDX files with several methods and seeds, from identical initial
 * weights per seed, and compares them with {@link MethodComparison}: accuracy (left, right), MSE (sum,
 * pixels), F1 (parity), the relative improvement Δ_k over single-task models trained here, and time per step.
 * Writes {@code multimnist-runs.csv/.json}, {@code multimnist-summary.csv/.json}, {@code
 * multimnist-curves.png} and {@code multimnist-deltas.png} to the output folder.
 *
 * <p>Run: {@code mvn -q -f samples/multimnist exec:java -Dexec.args="--data /usr/share/datasets/fashion-mnist"}.
 */
public final class MultiMnistSample {

    /** The measure that judges each task, as {@code evaluate} names it. */
    static final Map<String, String> MEASURES = Map.of("left", "left_accuracy", "right", "right_accuracy",
            "sum", "sum_loss", "parity", "parity_f1", "pixels", "pixels_loss");

    private MultiMnistSample() {}

    /**
     * Runs the comparison.
     *
     * @param args {@code --name value} options; an unknown option lists them
     * @throws IOException if the data cannot be read or the results written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("data", "/usr/share/datasets/fashion-mnist");
        defaults.put("train-size", "10000");
        defaults.put("test-size", "2000");
        defaults.put("output", "target/multimnist");
        TrainingOptions options;
        try {
            options = TrainingOptions.parse(args, defaults);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path data = options.data();
        Path[] files = {find(data, "train-images-idx3-ubyte"), find(data, "train-labels-idx1-ubyte"),
            find(data, "t10k-images-idx3-ubyte"), find(data, "t10k-labels-idx1-ubyte")};
        for (Path file : files) {
            if (file == null) {
                System.err.println("No IDX files in " + data.toAbsolutePath() + ". MultiMNIST needs MNIST's or "
                        + "Fashion-MNIST's train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                        + "t10k-labels-idx1-ubyte (gzipped or not).\nOn Debian: apt-get install dataset-fashion-mnist, "
                        + "then --data /usr/share/datasets/fashion-mnist");
                System.exit(2);
                return;
            }
        }
        Runner runner = new Runner(options, IdxFile.readImages(files[0]), IdxFile.readLabels(files[1]),
                IdxFile.readImages(files[2]), IdxFile.readLabels(files[3]));
        MethodComparison.Builder comparison = MethodComparison.builder()
                .setMethods(options.methods())
                .setSeeds(options.seeds())
                .setRunner(runner::train);
        MultiMnist.TASKS.forEach(task -> comparison.addTask(task, MEASURES.get(task)));
        MethodComparison.Result result = comparison.build().run();
        System.out.println(result.runs().render());
        System.out.println(result.summary().render());
        result.write(options.output(), "multimnist");
        System.out.println("wrote multimnist-runs/-summary .csv/.json, -curves.png and -deltas.png to "
                + options.output().toAbsolutePath());
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
    private static final class Runner {
        private final TrainingOptions options;
        private final IdxFile trainImages;
        private final IdxFile trainLabels;
        private final IdxFile testImages;
        private final IdxFile testLabels;

        Runner(TrainingOptions options, IdxFile trainImages, IdxFile trainLabels, IdxFile testImages,
                IdxFile testLabels) {
            this.options = options;
            this.trainImages = trainImages;
            this.trainLabels = trainLabels;
            this.testImages = testImages;
            this.testLabels = testLabels;
        }

        MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            MultiTaskModel.Builder builder = MultiMnistModelMultiTask.builder(new MultiMnistModel());
            int rotationSize = options.rotationSize();
            if (!method.rotates() || rotationSize == 0) {
                builder.clearRotation();
            } else if (rotationSize > 0) {
                builder.optRotation(rotationSize, FeatureAxis.FEATURES, RotationInit.HAAR, seed);
            }
            options.applyRotationChoices(builder);
            MultiTaskModel block = tasks.size() == MultiMnist.TASKS.size() ? builder.build() : only(builder.build(), tasks);
            MultiMnist train = dataset(trainImages, trainLabels, "train-size", seed, tasks, true);
            MultiMnist test = dataset(testImages, testLabels, "test-size", seed + 1000, tasks, false);
            try (MultiMnistModelTraining trainer = MultiMnistModelTraining.builder(block)
                    .setInputShapes(new Shape(1, 1, MultiMnist.SIDE, MultiMnist.SIDE))
                    .optDevice(options.device())
                    .optConfig(options.config(seed).optMethod(() -> method).build())
                    .build()) {
                System.out.println("== " + (tasks.size() == 1 ? "single " + tasks.get(0) : method.id()) + " seed " + seed);
                List<EpochSummary> epochs = trainer.fit(train, null);
                double seconds = epochs.stream().mapToDouble(EpochSummary::seconds).sum();
                Map<String, Double> measures = trainer.evaluate(test);
                System.out.println("   test " + measures);
                return new MethodComparison.Run(measures,
                        1000 * seconds / Math.max(1, trainer.training().trainer().steps()), epochs);
            }
        }

        private MultiMnist dataset(IdxFile images, IdxFile labels, String size, long seed, List<String> tasks,
                boolean shuffle) {
            return MultiMnist.builder().setItems(images, labels).optPairs(options.integer(size)).optSeed(seed)
                    .optTasks(tasks).setSampling(options.integer("batch-size"), shuffle).build();
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
}
