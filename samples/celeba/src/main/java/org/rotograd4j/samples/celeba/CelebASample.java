package org.rotograd4j.samples.celeba;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.RunTiming;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.Measure;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.report.Statistics;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Trains the 40 binary attributes of CelebA (paper §6.3, Table 4) with several methods and seeds, from
 * identical initial weights per seed, through the shared {@link MethodComparison}, and reports as Table 4
 * does: each attribute's test F1-score (%), their minimum, median, mean and standard deviation over
 * attributes, and the training hours. Writes {@code celeba-<model>.csv}/{@code .json} (Table 4: one row per
 * run, after every run) and the comparison's {@code celeba-<model>-runs.csv/.json} (each run's F1-scores and
 * Δ_k), {@code -summary.csv/.json}, {@code -curves.png}, {@code -deltas.png} and {@code -report.html} to the
 * output folder.
 *
 * <p>Run: {@code mvn -q -f samples/celeba exec:java -Dexec.args="--data /path/to/celeba --model conv"}.
 * Besides the standard options: {@code --model conv|resnet}, {@code --image-size} (default 64), {@code
 * --train-limit}, {@code --val-limit} and {@code --test-limit} ({@code all} or a number of images, the first
 * ones of each partition in file order; {@code --val-limit 0} skips validation), {@code --loader-threads}
 * (default 4: background threads that decode images ahead of training) and {@code --single-task} (the
 * baselines of Δ_k: {@code none}, the default, leaving Δ_k undefined; {@code measure}, training one
 * single-task model per attribute and seed; or a .csv/.json file of {@code <task>_f1} values in %).
 */
@Command(name = "celeba", description = "Compares multi-task methods on CelebA's 40 attributes (paper §6.3, Table 4).")
public final class CelebASample implements Callable<Integer> {

    /** The value of the limits for a whole partition. */
    static final String ALL = "all";

    @Mixin
    private TrainingOptions options;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "conv", paramLabel = "conv|resnet",
            description = "the backbone (default: ${DEFAULT-VALUE})")
    private Architecture architecture;

    @Option(names = "--image-size", defaultValue = "64", paramLabel = "PIXELS",
            description = "the side of the square images (default: ${DEFAULT-VALUE})")
    private int imageSize;

    @Option(names = "--train-limit", defaultValue = ALL, paramLabel = "all|N", converter = Limit.class,
            description = "the first N training images (default: ${DEFAULT-VALUE})")
    private long trainLimit;

    @Option(names = "--val-limit", defaultValue = ALL, paramLabel = "all|N", converter = Limit.class,
            description = "the first N validation images, 0 for no validation (default: ${DEFAULT-VALUE})")
    private long validationLimit;

    @Option(names = "--test-limit", defaultValue = ALL, paramLabel = "all|N", converter = Limit.class,
            description = "the first N test images (default: ${DEFAULT-VALUE})")
    private long testLimit;

    @Option(names = "--loader-threads", defaultValue = "4", paramLabel = "N",
            description = "background threads that decode images (default: ${DEFAULT-VALUE})")
    private int loaderThreads;

    @Option(names = "--single-task", defaultValue = "none", paramLabel = "none|measure|FILE",
            description = "the baselines of Δ_k: none, measure (train them) or a .csv/.json file of <task>_f1 "
                    + "values in % (default: ${DEFAULT-VALUE})")
    private String singleTask;

    private CelebASample() {}

    /** The two backbones of Table 4. */
    enum Architecture {
        /** {@link CelebAConvModel}. */
        CONV("convolutional, d = 512"),
        /** {@link CelebAResNetModel}. */
        RESNET("ResNet-18, d = 2048");

        private final String description;

        Architecture(String description) {
            this.description = description;
        }

        /** Returns the model's tasks, in label order. */
        List<String> tasks() {
            return this == CONV ? CelebAConvModelMultiTask.TASKS : CelebAResNetModelMultiTask.TASKS;
        }

        /** Fails unless the model takes square images of this side. */
        void checkImageSize(int imageSize) {
            if (this == CONV) {
                CelebAConvModel.checkImageSize(imageSize);
            } else {
                CelebAResNetModel.checkImageSize(imageSize);
            }
        }

        /** Returns the annotated set-up of a fresh model for square images of this side. */
        MultiTaskModel.Builder builder(int imageSize) {
            checkImageSize(imageSize);
            return this == CONV ? CelebAConvModelMultiTask.builder(new CelebAConvModel())
                    : CelebAResNetModelMultiTask.builder(new CelebAResNetModel(imageSize));
        }

        String fileName() {
            return "celeba-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The columns of the Table 4 table. */
    static final List<String> TABLE4_COLUMNS = List.of("min_f1", "median_f1", "mean_f1", "std_f1", "hours");

    /**
     * Runs the comparison; exits with status 2 on a bad option or without the data, 1 on malformed data.
     *
     * @param args {@code --name value} options; {@code --help} lists them all
     */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args the command line
     * @return 0 when done, 1 for malformed data or results that cannot be written, 2 for a bad option or
     *     missing data
     */
    static int run(String[] args) {
        return TrainingOptions.execute(new CelebASample(), args, Map.of("data", "data/celeba", "output",
                "target/celeba"));
    }

    /**
     * Checks the options and runs the comparison.
     *
     * @return 0 when done, 2 without the data
     * @throws IOException if the data is malformed or the results cannot be written
     * @throws ParameterException naming an option whose value does not fit
     */
    @Override
    public Integer call() throws IOException {
        try {
            architecture.checkImageSize(imageSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--image-size: " + e.getMessage());
        }
        for (Map.Entry<String, Long> limit : Map.of("--train-limit", trainLimit, "--test-limit", testLimit).entrySet()) {
            if (limit.getValue() == 0) {
                throw new ParameterException(spec.commandLine(), limit.getKey() + " must be 'all' or a positive number"
                        + ", got 0");
            }
        }
        if (loaderThreads < 0) {
            throw new ParameterException(spec.commandLine(), "--loader-threads must be 0 or more, got " + loaderThreads);
        }
        boolean measureSingleTask = singleTask.equals("measure");
        Path singleTaskFile = singleTask.equals("none") || measureSingleTask ? null : Path.of(singleTask);
        if (singleTaskFile != null && !Files.isRegularFile(singleTaskFile)) {
            throw new ParameterException(spec.commandLine(), "--single-task must be none, measure or a .csv/.json file "
                    + "of <task>_f1 values, got '" + singleTask + "' (no such file)");
        }
        try {
            MethodComparison.methodIds(options.methods());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--methods: " + e.getMessage());
        }
        Path data = options.data();
        List<String> missing = CelebAFiles.missing(data);
        if (!missing.isEmpty()) {
            System.err.println(howToGetCelebA(data, missing));
            return 2;
        }
        new Comparison(measureSingleTask, singleTaskFile).run(CelebAFiles.read(data));
        return 0;
    }

    /** Reads {@value #ALL} as {@link Long#MAX_VALUE}, else a number of images, 0 or more. */
    static final class Limit implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (value.equals(ALL)) {
                return Long.MAX_VALUE;
            }
            if (!value.matches("\\d{1,18}")) {
                throw new TypeConversionException("must be 'all' or a number of images, got '" + value + "'");
            }
            return Long.parseLong(value);
        }
    }

    static String howToGetCelebA(Path data, List<String> missing) {
        return "No CelebA in " + data.toAbsolutePath() + " (missing: " + String.join(", ", missing) + ").\n"
                + "Get the aligned-and-cropped release from https://mmlab.ie.cuhk.edu.hk/projects/CelebA.html (its Google "
                + "Drive: Img/img_align_celeba.zip, Anno/list_attr_celeba.txt, Eval/list_eval_partition.txt). The Kaggle "
                + "mirror https://www.kaggle.com/datasets/jessicali9530/celeba-dataset has the same images, one folder "
                + "deeper (img_align_celeba/img_align_celeba/), but its annotations are .csv files: take the two .txt "
                + "files from the official Drive. Lay them out as:\n"
                + "  " + data + "/" + CelebAFiles.IMAGE_FOLDER + "/000001.jpg ... 202599.jpg"
                + "   (unzip img_align_celeba.zip in " + data + ")\n"
                + "  " + data + "/" + CelebAFiles.ATTRIBUTE_FILE + "\n"
                + "  " + data + "/" + CelebAFiles.PARTITION_FILE + "\n"
                + "and pass --data " + data;
    }

    /**
     * Fails unless the data's attributes are the model's tasks, in the same order.
     *
     * @throws IOException naming the attribute file and the first difference
     */
    static void checkAttributes(CelebAFiles files, List<String> tasks) throws IOException {
        List<String> attributes = files.attributes();
        if (attributes.equals(tasks)) {
            return;
        }
        String difference = attributes.size() != tasks.size()
                ? "it names " + attributes.size() + " attributes, the model has " + tasks.size() + " tasks"
                : "";
        for (int k = 0; k < Math.min(attributes.size(), tasks.size()) && difference.isEmpty(); k++) {
            if (!attributes.get(k).equals(tasks.get(k))) {
                difference = "attribute " + (k + 1) + " is " + attributes.get(k) + " in the file but " + tasks.get(k)
                        + " in the model";
            }
        }
        throw new IOException(files.attributeFile() + " line 2: the attributes are not the model's tasks: "
                + difference + " (expected " + String.join(" ", tasks) + ")");
    }

    /**
     * One multi-task run's Table 4 results.
     *
     * @param name the run's name (method and seed, as {@link MethodComparison} names it)
     * @param f1 the test F1-score (%) of each task, in task order
     * @param hours the training time, validation included
     */
    record Table4Row(String name, double[] f1, double hours) {}

    /** The comparison of one command line. */
    private final class Comparison {
        /** Null to measure the single-task baselines, else the given ones (empty for none). */
        private final Path singleTaskFile;
        private final boolean measureSingleTask;
        private final List<Table4Row> table4 = new ArrayList<>();
        private CelebAFiles files;
        private CelebA train;
        private CelebA validation;
        private CelebA test;

        Comparison(boolean measureSingleTask, Path singleTaskFile) {
            this.measureSingleTask = measureSingleTask;
            this.singleTaskFile = singleTaskFile;
        }

        void run(CelebAFiles celebA) throws IOException {
            List<String> tasks = architecture.tasks();
            checkAttributes(celebA, tasks);
            Map<String, Double> baselines = singleTaskFile == null ? Map.of() : readSingleTask(singleTaskFile, tasks);
            this.files = celebA;
            List<CelebA> datasets = datasets(tasks);
            try {
                train = datasets.get(0);
                validation = datasets.get(1);
                test = datasets.get(2);
                if (train.size() == 0 || test.size() == 0) {
                    throw new IOException(CelebAFiles.PARTITION_FILE + " in " + files.folder().toAbsolutePath()
                            + " puts no image in the " + (train.size() == 0 ? "train (0)" : "test (2)") + " partition");
                }
                System.out.printf(Locale.ROOT, "CelebA: %d train, %d validation, %d test images at %dx%d; %s model%n",
                        train.size(), validation == null ? 0 : validation.size(), test.size(), imageSize, imageSize,
                        architecture.description);
                MethodComparison.Builder builder = MethodComparison.builder()
                        .setMethods(options.methods())
                        .setSeeds(options.seeds())
                        .setRunner((method, seed, runTasks, checkpoints) -> train(method, seed, runTasks));
                tasks.forEach(task -> builder.addTask(task, Measure.higherIsBetter(task + "_f1")));
                if (!measureSingleTask) {
                    builder.optSingleTaskResults(baselines);
                }
                MethodComparison.Result result = builder.build().run();
                Path output = options.output();
                String name = architecture.fileName();
                System.out.println(table4().render());
                System.out.println(result.runs().render());
                if (measureSingleTask || singleTaskFile != null) {
                    System.out.println(result.summary().render());
                }
                Path report = result.write(output, name);
                System.out.println("wrote " + output.resolve(name + ".csv") + ", .json, " + name + "-runs.csv, .json, "
                        + name + "-summary.csv, .json, " + name + "-curves.png, " + name + "-deltas.png and the report "
                        + report);
            } finally {
                datasets.stream().filter(d -> d != null).forEach(CelebA::close);
            }
        }

        /** Returns the train, validation (null when skipped) and test datasets labelled with these tasks. */
        private List<CelebA> datasets(List<String> tasks) throws IOException {
            int batchSize = options.batchSize();
            List<CelebA> datasets = new ArrayList<>();
            try {
                datasets.add(dataset(CelebA.Partition.TRAIN, trainLimit, tasks, batchSize, true));
                datasets.add(validationLimit == 0 ? null
                        : dataset(CelebA.Partition.VALIDATION, validationLimit, tasks, batchSize, false));
                datasets.add(dataset(CelebA.Partition.TEST, testLimit, tasks, batchSize, false));
            } catch (IOException | RuntimeException e) {
                datasets.stream().filter(d -> d != null).forEach(CelebA::close);
                throw e;
            }
            return datasets;
        }

        private CelebA dataset(CelebA.Partition partition, long limit, List<String> tasks, int batchSize,
                boolean shuffle) throws IOException {
            return CelebA.builder().setFiles(files).optPartition(partition).optImageSize(imageSize).optLimit(limit)
                    .optTasks(tasks).optLoaderThreads(loaderThreads)
                    .setSampling(batchSize, shuffle).build();
        }

        /**
         * Trains one model on all tasks, or on one for a single-task baseline, and returns its test F1-scores
         * (%) as {@code <task>_f1}; records and writes the Table 4 statistics of the multi-task runs.
         */
        private MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            boolean all = tasks.equals(architecture.tasks());
            MultiTaskModel.Builder builder = architecture.builder(imageSize);
            OptionalInt rotationSize = options.rotationSize();
            if (!method.rotates() || rotationSize.equals(OptionalInt.of(0))) {
                builder.clearRotation();
            } else if (rotationSize.isPresent()) {
                builder.optRotation(rotationSize.getAsInt(), FeatureAxis.FEATURES, RotationInit.HAAR, seed);
            }
            options.applyRotationChoices(builder);
            MultiTaskModel model = all ? builder.build() : only(builder.build(), tasks);
            String name = (all ? method.id() : "single " + String.join(",", tasks)) + " seed " + seed;
            System.out.println("== " + name);
            List<CelebA> datasets = all ? List.of() : datasets(tasks);
            MultiTaskConfig config = options.config(seed)
                    .optMethod(() -> method)
                    .optConsoleProgress(false)
                    .addListeners(CelebAProgress.listener())
                    .build();
            try (MultiTaskTraining training = MultiTaskTraining.builder(model)
                    .setInputShapes(new Shape(1, 3, imageSize, imageSize))
                    .optDevice(options.device())
                    .optConfig(config)
                    .build()) {
                List<EpochSummary> epochs = all ? training.fit(train, validation)
                        : training.fit(datasets.get(0), datasets.get(1));
                Map<String, Double> values = training.evaluate(all ? test : datasets.get(2));
                Map<String, Double> measures = new LinkedHashMap<>();
                double[] f1 = new double[tasks.size()];
                for (int k = 0; k < f1.length; k++) {
                    f1[k] = 100 * values.get(tasks.get(k) + "_f1");
                    measures.put(tasks.get(k) + "_f1", f1[k]);
                }
                if (all) {
                    table4.add(new Table4Row(name, f1, RunTiming.of(epochs).hours()));
                    ResultsTable table = table4();
                    ResultFiles.writeCsv(table, options.output().resolve(architecture.fileName() + ".csv"));
                    ResultFiles.writeJson(table, options.output().resolve(architecture.fileName() + ".json"));
                }
                return new MethodComparison.Run(measures, overTasks(epochs));
            } finally {
                datasets.stream().filter(d -> d != null).forEach(CelebA::close);
            }
        }

        /** Table 4: the minimum, median, mean and std over tasks of each multi-task run's F1 (%), and hours. */
        private ResultsTable table4() {
            ResultsTable table = new ResultsTable("CelebA, " + architecture.description + ", " + imageSize + "x"
                    + imageSize + ": test F1-scores (%) over the 40 tasks, training hours", TABLE4_COLUMNS);
            for (Table4Row row : table4) {
                double[] f1 = row.f1();
                table.addRow(row.name(), Map.of("min_f1", Statistics.min(f1), "median_f1", Statistics.median(f1),
                        "mean_f1", Statistics.mean(f1), "std_f1", Statistics.populationStd(f1), "hours", row.hours()));
            }
            return table;
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

    /**
     * Reads single-task test F1-scores (%), {@code <task>_f1} for every task, with {@link
     * MethodComparison#readSingleTaskResults}: from a comparison's {@code celeba-<model>-runs.csv/.json} (its
     * first {@code single-task} row), or from a CSV or flat JSON object of such values.
     *
     * @throws IOException naming the file and the missing or non-finite values
     */
    static Map<String, Double> readSingleTask(Path file, List<String> tasks) throws IOException {
        Map<String, Double> values = MethodComparison.readSingleTaskResults(file);
        Map<String, Double> baselines = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String task : tasks) {
            double value = values.getOrDefault(task + "_f1", Double.NaN);
            if (Double.isFinite(value)) {
                baselines.put(task + "_f1", value);
            } else {
                missing.add(task + "_f1");
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(file + ": no single-task F1-score (a finite number, in %) for " + String.join(", ",
                    missing));
        }
        return baselines;
    }

    /**
     * Summarizes epochs over tasks for plotting 40 tasks at once: the mean training loss, and the minimum,
     * median and mean validation F1-score (%).
     */
    static List<EpochSummary> overTasks(List<EpochSummary> epochs) {
        List<EpochSummary> summaries = new ArrayList<>();
        for (EpochSummary epoch : epochs) {
            double loss = epoch.trainLosses().values().stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN);
            Map<String, Double> validation = new LinkedHashMap<>();
            double[] f1 = epoch.validation().entrySet().stream().filter(e -> e.getKey().endsWith("_f1"))
                    .mapToDouble(e -> 100 * e.getValue()).toArray();
            if (f1.length > 0) {
                validation.put("min_f1", Statistics.min(f1));
                validation.put("median_f1", Statistics.median(f1));
                validation.put("mean_f1", Statistics.mean(f1));
            }
            summaries.add(new EpochSummary(epoch.epoch(), Map.of("mean over tasks", loss), validation,
                    epoch.seconds(), epoch.skippedSteps(), epoch.validationSeconds(), epoch.stepSeconds()));
        }
        return summaries;
    }
}
