package org.rotograd4j.samples.multimnist;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.TrainingOptions;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.report.RelativeImprovement;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.report.TrainingCurves;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;

/**
 * Trains MultiMNIST (paper §6.1) on real IDX files with several methods and seeds, from identical initial
 * weights per seed, and compares them: accuracy (left, right), MSE (sum, pixels), F1 (parity), and the
 * relative improvement Δ_k over single-task models measured here. Writes {@code multimnist.csv}, {@code
 * multimnist.json} and {@code multimnist-curves.png} to the output folder.
 *
 * <p>Run: {@code mvn -q -f samples/multimnist exec:java -Dexec.args="--data /usr/share/datasets/fashion-mnist"}.
 */
public final class MultiMnistSample {

    /** The measure reported for each task, as {@code evaluate} names it. */
    static final Map<String, String> MEASURES = Map.of("left", "left_accuracy", "right", "right_accuracy",
            "sum", "sum_loss", "parity", "parity_f1", "pixels", "pixels_loss");

    private MultiMnistSample() {}

    /**
     * Runs the comparison.
     *
     * @param args {@code --name value} options; {@code --help} lists them
     * @throws IOException if the data cannot be read or the results written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("data", "/usr/share/datasets/fashion-mnist");
        defaults.put("train-size", "10000");
        defaults.put("test-size", "2000");
        defaults.put("single-task", "true");
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
        Comparison comparison = new Comparison(options, IdxFile.readImages(files[0]), IdxFile.readLabels(files[1]),
                IdxFile.readImages(files[2]), IdxFile.readLabels(files[3]));
        ResultsTable table = comparison.run();
        System.out.println(table.render());
        Path output = options.output();
        table.writeCsv(output.resolve("multimnist.csv"));
        table.writeJson(output.resolve("multimnist.json"));
        TrainingCurves.write("MultiMNIST training curves", comparison.curves, output.resolve("multimnist-curves.png"));
        System.out.println("wrote " + output.resolve("multimnist.csv") + ", .json and multimnist-curves.png");
    }

    private static Path find(Path folder, String name) {
        for (Path candidate : List.of(folder.resolve(name), folder.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The runs of one comparison. */
    private static final class Comparison {
        private final TrainingOptions options;
        private final IdxFile trainImages;
        private final IdxFile trainLabels;
        private final IdxFile testImages;
        private final IdxFile testLabels;
        private final Map<String, List<EpochSummary>> curves = new LinkedHashMap<>();

        Comparison(TrainingOptions options, IdxFile trainImages, IdxFile trainLabels, IdxFile testImages,
                IdxFile testLabels) {
            this.options = options;
            this.trainImages = trainImages;
            this.trainLabels = trainLabels;
            this.testImages = testImages;
            this.testLabels = testLabels;
        }

        ResultsTable run() throws IOException {
            List<String> columns = new java.util.ArrayList<>();
            MultiMnist.TASKS.forEach(t -> columns.add(MEASURES.get(t)));
            MultiMnist.TASKS.forEach(t -> columns.add("delta_" + t));
            columns.add("delta_avg");
            columns.add("ms_per_step");
            ResultsTable table = new ResultsTable("MultiMNIST: test metrics, Δ_k (%) against single-task models",
                    columns);
            for (int seed : options.seeds()) {
                Map<String, Double> single = Boolean.parseBoolean(options.text("single-task"))
                        ? singleTaskBaselines(seed) : Map.of();
                if (!single.isEmpty()) {
                    table.addRow("single-task seed " + seed, single);
                }
                for (String spec : options.methods()) {
                    MultiTaskMethod method = Methods.parse(spec);
                    Map<String, Double> row = train(method, seed, MultiMnist.TASKS);
                    double sum = 0;
                    int count = 0;
                    for (String task : MultiMnist.TASKS) {
                        String measure = MEASURES.get(task);
                        double delta = RelativeImprovement.of(row.get(measure), single.getOrDefault(measure, Double.NaN),
                                RelativeImprovement.lowerIsBetter(measure));
                        row.put("delta_" + task, delta);
                        if (!Double.isNaN(delta)) {
                            sum += delta;
                            count++;
                        }
                    }
                    row.put("delta_avg", count == 0 ? Double.NaN : sum / count);
                    table.addRow(method.name() + " seed " + seed, row);
                }
            }
            return table;
        }

        private Map<String, Double> singleTaskBaselines(int seed) throws IOException {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String task : MultiMnist.TASKS) {
                values.put(MEASURES.get(task), train(new Vanilla(), seed, List.of(task)).get(MEASURES.get(task)));
            }
            return values;
        }

        /** Trains one model on the given tasks and returns its test measures and time per step. */
        private Map<String, Double> train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            MultiTaskModel.Builder builder = MultiMnistModelMultiTask.builder(new MultiMnistModel());
            int rotationSize = options.rotationSize();
            if (!method.rotates() || rotationSize == 0) {
                builder.clearRotation();
            } else if (rotationSize > 0) {
                builder.optRotation(rotationSize, FeatureAxis.FEATURES, RotationInit.HAAR, seed);
            }
            MultiTaskModel block = tasks.size() == MultiMnist.TASKS.size() ? builder.build() : only(builder.build(), tasks);
            MultiMnist train = dataset(trainImages, trainLabels, "train-size", seed, tasks, true);
            MultiMnist test = dataset(testImages, testLabels, "test-size", seed + 1000, tasks, false);
            try (MultiMnistModelTrainer trainer = options.configure(MultiMnistModelTrainer.builder(block), seed)
                    .setInputShapes(new Shape(1, 1, MultiMnist.SIDE, MultiMnist.SIDE))
                    .optMethod(method)
                    .build()) {
                String run = (tasks.size() == 1 ? "single " + tasks.get(0) : method.name()) + " seed " + seed;
                System.out.println("== " + run);
                List<EpochSummary> epochs = trainer.fit(train, null);
                curves.put(run, epochs);
                Map<String, Double> values = new LinkedHashMap<>(trainer.evaluate(test));
                double seconds = epochs.stream().mapToDouble(EpochSummary::seconds).sum();
                values.keySet().retainAll(MEASURES.values());
                values.put("ms_per_step", 1000 * seconds / Math.max(1, trainer.training().trainer().steps()));
                return values;
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
