package org.rotograd4j.samples.multimnist;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.rotograd4j.compare.ExecutorOptions;
import org.rotograd4j.compare.JobCheckpoints;
import org.rotograd4j.compare.JobExecutor;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.RunGroupSummary;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.BoxPlot;
import org.rotograd4j.report.Measure;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains MultiMNIST (paper §6.1) on real IDX files with several methods and seeds, from identical initial
 * weights per seed, and compares them with {@link MethodComparison}: accuracy (left, right), MSE (sum,
 * pixels), F1 (parity), the relative improvement Δ_k over single-task models trained here, and the time of
 * a step, an epoch and a run, and the paper's Table 2 layout. Writes {@code multimnist-runs.csv/.json},
 * {@code multimnist-summary.csv/.json}, {@code multimnist-table2.csv/.json}, {@code multimnist-curves.png},
 * {@code multimnist-deltas.png} and {@code multimnist-report.html} to the output folder. With {@code
 * --rotation-lr-sweep}, it draws the paper's Figure 3 instead: {@code multimnist-figure3.png}, its numbers in
 * {@code multimnist-figure3.csv/.json} and every run in {@code multimnist-figure3-runs.csv/.json}.
 *
 * <p>Run: {@code mvn -q -f samples/multimnist exec:java -Dexec.args="--data /usr/share/datasets/fashion-mnist"}.
 * With {@code --executor spark} (and {@code rotograd4j-spark} on the class path) the comparison's jobs train as
 * Spark tasks, each making its runner from this command line ({@link MultiMnistRunners}); see the spark module's
 * README.
 */
@Command(name = "multimnist", description = "Compares multi-task methods on MultiMNIST (paper §6.1).")
public final class MultiMnistSample implements Callable<Integer> {

    /** The measure that judges each task, as {@code evaluate} names it, with the direction it improves in. */
    static final Map<String, Measure> MEASURES = Map.of("left", Measure.higherIsBetter("left_accuracy"),
            "right", Measure.higherIsBetter("right_accuracy"), "sum", Measure.lowerIsBetter("sum_loss"),
            "parity", Measure.higherIsBetter("parity_f1"), "pixels", Measure.lowerIsBetter("pixels_loss"));

    /**
     * Table 2's columns: the digit tasks' {@code avg_k Δ_k}, read as the two digit classifications (left, right)
     * and, since the paper's "digits" may mean every digit-related task, also over left, right, sum and parity;
     * and the active-pixel MSE.
     */
    private static final List<RunGroupSummary.Column> TABLE_2_COLUMNS = List.of(
            new RunGroupSummary.Column("digits_avg_delta", List.of("delta_left", "delta_right")),
            new RunGroupSummary.Column("digit_related_avg_delta",
                    List.of("delta_left", "delta_right", "delta_sum", "delta_parity")),
            new RunGroupSummary.Column("pixels_mse", List.of("pixels_loss")));

    /** The defaults of this sample's options where they differ from {@link TrainingOptions}'s. */
    static final Map<String, String> DEFAULTS = Map.of("data", "/usr/share/datasets/fashion-mnist",
            "output", "target/multimnist");

    @Mixin
    private TrainingOptions options;

    @Mixin
    private ExecutorOptions executorOptions;

    @Spec
    private CommandSpec spec;

    @Option(names = "--train-size", defaultValue = "10000", paramLabel = "PAIRS",
            description = "training pairs (default: ${DEFAULT-VALUE})")
    private int trainSize;

    @Option(names = "--test-size", defaultValue = "2000", paramLabel = "PAIRS",
            description = "test pairs (default: ${DEFAULT-VALUE})")
    private int testSize;

    @Option(names = "--rotation-lr-sweep", split = ",", paramLabel = "RATE",
            description = "instead of comparing --methods, the paper's Figure 3: Vanilla and RotoGrad with each of "
                    + "these rotation learning rates (network rate --lr), every seed; reports the sum task's test MSE "
                    + "as a box plot and a table, such as 1e-5,5e-5,1e-4,5e-4,1e-3,5e-3,1e-2")
    private List<Double> rotationRateSweep = List.of();

    MultiMnistSample() {}

    /**
     * Runs the comparison; exits with status 2 on a bad option or without the data.
     *
     * @param args {@code --name value} options; {@code --help} lists them
     */
    public static void main(String[] args) {
        int status = TrainingOptions.execute(new MultiMnistSample(), args, DEFAULTS);
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
        for (double rate : rotationRateSweep) {
            if (!(rate > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--rotation-lr-sweep rates must be positive, not " + rate);
            }
        }
        if (!rotationRateSweep.isEmpty() && !executorOptions.sequentialWithoutCheckpoints()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rotation-lr-sweep trains in this JVM "
                    + "without checkpoints: leave out --executor and --checkpoints");
        }
        if (dataFiles().isEmpty()) {
            System.err.println(missingData());
            return 2;
        }
        if (!rotationRateSweep.isEmpty()) {
            return sweepRotationRate(readData());
        }
        MethodComparison comparison = comparison().setMethods(options.methods()).setSeeds(options.seeds()).build();
        JobExecutor executor = executorOptions.executor(new MultiMnistRunners(spec.commandLine().getParseResult()
                .originalArgs()));
        MethodComparison.Result result = comparison.run(executor);
        System.out.println(result.runs().render());
        System.out.println(result.summary().render());
        ResultsTable table2 = table2(result.runs(), MethodComparison.methodIds(options.methods()));
        System.out.println(table2.render());
        ResultFiles.writeCsv(table2, options.output().resolve("multimnist-table2.csv"));
        ResultFiles.writeJson(table2, options.output().resolve("multimnist-table2.json"));
        Path report = result.write(options.output(), "multimnist");
        System.out.println("wrote multimnist-runs/-summary/-table2 .csv/.json, -curves.png, -deltas.png and the report "
                + report.toAbsolutePath());
        return 0;
    }

    /**
     * Returns the comparison over MultiMNIST's five tasks, each judged by its measure; the caller sets the methods
     * and seeds.
     *
     * @return the comparison's builder
     */
    public static MethodComparison.Builder comparison() {
        MethodComparison.Builder comparison = MethodComparison.builder();
        MultiMnist.TASKS.forEach(task -> comparison.addTask(task, MEASURES.get(task)));
        return comparison;
    }

    /**
     * Parses a command line of this sample, with its defaults, without running it.
     *
     * @param args the command line
     * @return the sample, its options set
     */
    static MultiMnistSample parse(List<String> args) {
        return TrainingOptions.parse(new MultiMnistSample(), args, DEFAULTS);
    }

    /**
     * Returns a runner over the IDX files of {@code --data}, which it reads.
     *
     * @return the runner
     * @throws IOException if a file is missing or cannot be read
     */
    MethodComparison.Runner runner() throws IOException {
        ModelTrainer trainer = readData();
        return (method, seed, tasks, checkpoints) -> trainer.train(method, seed, tasks, options.rotationLearningRate(),
                checkpoints);
    }

    /** Reads the IDX files of {@code --data} for a trainer. */
    private ModelTrainer readData() throws IOException {
        List<Path> files = dataFiles().orElseThrow(() -> new IOException(missingData()));
        return new ModelTrainer(IdxFile.readImages(files.get(0)), IdxFile.readLabels(files.get(1)),
                IdxFile.readImages(files.get(2)), IdxFile.readLabels(files.get(3)));
    }

    /** The training and test images and labels under {@code --data}, gzipped or not; empty when one is missing. */
    private Optional<List<Path>> dataFiles() {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Path file = find(options.data(), name);
            if (file == null) {
                return Optional.empty();
            }
            files.add(file);
        }
        return Optional.of(files);
    }

    private String missingData() {
        return "No IDX files in " + options.data().toAbsolutePath() + ". MultiMNIST needs MNIST's or Fashion-MNIST's "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte "
                + "(gzipped or not).\nOn Debian: apt-get install dataset-fashion-mnist, then --data "
                + "/usr/share/datasets/fashion-mnist";
    }

    /** Figure 3: the sum task's test MSE of Vanilla, then of RotoGrad per rotation learning rate, every seed. */
    private int sweepRotationRate(ModelTrainer trainer) throws IOException {
        Map<String, double[]> sumMse = new LinkedHashMap<>();
        ResultsTable runs = new ResultsTable("Figure 3 runs: sum task's test MSE", List.of("sum_mse"));
        sumMse.put("Vanilla", sumMse(trainer, "vanilla", options.rotationLearningRate(), "Vanilla", runs));
        for (double rate : rotationRateSweep) {
            String label = String.format(Locale.ROOT, "%.0e", rate);
            sumMse.put(label, sumMse(trainer, "rotograd", rate, label, runs));
        }
        String title = String.format(Locale.ROOT, "MultiMNIST sum task's test MSE over %d runs; network learning rate "
                + "%s (paper's Figure 3)", options.seeds().size(), options.learningRate());
        ResultsTable table = BoxPlot.table(title, sumMse);
        System.out.println(runs.render());
        System.out.println(table.render());
        Path output = options.output();
        ResultFiles.writeCsv(runs, output.resolve("multimnist-figure3-runs.csv"));
        ResultFiles.writeJson(runs, output.resolve("multimnist-figure3-runs.json"));
        ResultFiles.writeCsv(table, output.resolve("multimnist-figure3.csv"));
        ResultFiles.writeJson(table, output.resolve("multimnist-figure3.json"));
        Path png = output.resolve("multimnist-figure3.png");
        BoxPlot.of(title, "rotation learning rate (Vanilla: none)", "sum task test MSE", sumMse).write(png);
        System.out.println("wrote multimnist-figure3-runs/-figure3 .csv/.json and " + png.toAbsolutePath());
        return 0;
    }

    private double[] sumMse(ModelTrainer trainer, String method, double rotationRate, String label, ResultsTable runs)
            throws IOException {
        List<Integer> seeds = options.seeds();
        double[] values = new double[seeds.size()];
        for (int i = 0; i < values.length; i++) {
            MethodComparison.Run run = trainer.train(Methods.parse(method), seeds.get(i), MultiMnist.TASKS, rotationRate,
                    JobCheckpoints.none());
            values[i] = run.measures().get(MEASURES.get("sum").name());
            runs.addRow(label + " seed " + seeds.get(i), Map.of("sum_mse", values[i]));
        }
        return values;
    }

    /**
     * Returns the paper's Table 2 layout: the digit tasks' {@code avg_k Δ_k} (left and right accuracy; and over
     * every digit-related task) and the active-pixel MSE, median ± std over seeds, for the single-task models and
     * each method.
     *
     * @param runs the comparison's runs
     * @param methodIds the compared methods' ids, in display order
     * @return one row for {@value MethodComparison#SINGLE_TASK_RUN} (no Δ_k), then one per method
     */
    static ResultsTable table2(ResultsTable runs, List<String> methodIds) {
        List<String> groups = new ArrayList<>();
        groups.add(MethodComparison.SINGLE_TASK_RUN);
        groups.addAll(methodIds);
        return RunGroupSummary.medianAndStd("Table 2 layout: digit tasks' avg_k Δ_k (%) and active-pixel MSE, median "
                + "± std over seeds", runs, groups, TABLE_2_COLUMNS);
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
    private final class ModelTrainer {
        private final IdxFile trainImages;
        private final IdxFile trainLabels;
        private final IdxFile testImages;
        private final IdxFile testLabels;

        ModelTrainer(IdxFile trainImages, IdxFile trainLabels, IdxFile testImages, IdxFile testLabels) {
            this.trainImages = trainImages;
            this.trainLabels = trainLabels;
            this.testImages = testImages;
            this.testLabels = testLabels;
        }

        MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks, double rotationRate,
                JobCheckpoints checkpoints) throws IOException {
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
                    .optConfig(checkpoints.configure(options.config(seed).optRotationLearningRate(rotationRate)
                            .optMethod(() -> method)).build())
                    .build()) {
                System.out.println("== " + (tasks.size() == 1 ? "single " + tasks.get(0) : method.id()) + " seed " + seed);
                checkpoints.resume(trainer.training());
                trainer.fit(train, null);
                Map<String, Double> measures = trainer.evaluate(test);
                System.out.println("   test " + measures);
                return new MethodComparison.Run(measures, trainer.training().history());
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
