package org.rotograd4j.samples.celeba;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.fit.TrainingOptions;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.report.TrainingCurves;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskModel;

/**
 * Trains the 40 binary attributes of CelebA (paper §6.3, Table 4) with several methods and seeds, from
 * identical initial weights per seed, and reports as Table 4 does: each attribute's test F1-score (%), their
 * minimum, median, mean and standard deviation over attributes, and the training hours. Writes {@code
 * celeba-<model>.csv}/{@code .json} (one row per run), {@code celeba-<model>-tasks.csv}/{@code .json} (one
 * row per attribute, one column per run) and {@code celeba-<model>-curves.png} to the output folder, after
 * every run.
 *
 * <p>Run: {@code mvn -q -f samples/celeba exec:java -Dexec.args="--data /path/to/celeba --model conv"}.
 * Besides the standard options: {@code --model conv|resnet}, {@code --image-size} (default 64), {@code
 * --train-limit}, {@code --val-limit} and {@code --test-limit} ({@code all} or a number of images, the first
 * ones of each partition in file order; {@code --val-limit 0} skips validation) and {@code --loader-threads}
 * (default 4: background threads that decode images ahead of training).
 */
public final class CelebASample {

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

        static Architecture of(String name) {
            return switch (name) {
                case "conv" -> CONV;
                case "resnet" -> RESNET;
                default -> throw new IllegalArgumentException("--model must be conv or resnet, got '" + name + "'");
            };
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

    /** The columns of the per-run table. */
    static final List<String> SUMMARY_COLUMNS = List.of("min_f1", "median_f1", "mean_f1", "std_f1", "hours");

    /**
     * Runs the comparison; exits with status 2 on a bad option or without the data, 1 on malformed data.
     *
     * @param args {@code --name value} options; an unknown option lists them all
     */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args the command line
     * @return 0 when done, 2 for a bad option or missing data
     * @throws IOException if the data is malformed or the results cannot be written
     */
    static int run(String[] args) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("data", "data/celeba");
        defaults.put("model", "conv");
        defaults.put("image-size", "64");
        defaults.put("train-limit", "all");
        defaults.put("val-limit", "all");
        defaults.put("test-limit", "all");
        defaults.put("loader-threads", "4");
        defaults.put("output", "target/celeba");
        Comparison comparison;
        try {
            comparison = new Comparison(TrainingOptions.parse(args, defaults));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Path data = comparison.options.data();
        List<String> missing = CelebAFiles.missing(data);
        if (!missing.isEmpty()) {
            System.err.println(howToGetCelebA(data, missing));
            return 2;
        }
        comparison.run(CelebAFiles.read(data));
        return 0;
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
     * One run's results.
     *
     * @param name the run's name (method and seed)
     * @param f1 the test F1-score (%) of each task, in task order
     * @param hours the training time, validation included
     * @param epochs the run's epochs
     */
    record Run(String name, double[] f1, double hours, List<EpochSummary> epochs) {}

    /** The runs of one comparison. */
    private static final class Comparison {
        private final TrainingOptions options;
        private final Architecture architecture;
        private final int imageSize;
        private final long trainLimit;
        private final long validationLimit;
        private final long testLimit;
        private final List<String> runNames = new ArrayList<>();

        Comparison(TrainingOptions options) {
            this.options = options;
            this.architecture = Architecture.of(options.text("model"));
            this.imageSize = options.integer("image-size");
            architecture.checkImageSize(imageSize);
            this.trainLimit = limit("train-limit", false);
            this.validationLimit = limit("val-limit", true);
            this.testLimit = limit("test-limit", false);
            if (options.integer("loader-threads") < 0) {
                throw new IllegalArgumentException("--loader-threads must be 0 or more, got "
                        + options.text("loader-threads"));
            }
            for (int seed : options.seeds()) {
                for (String spec : options.methods()) {
                    String name = runName(Methods.parse(spec), spec, seed);
                    if (runNames.contains(name)) {
                        throw new IllegalArgumentException("run '" + name + "' is asked for twice (--methods, --seeds)");
                    }
                    runNames.add(name);
                }
            }
        }

        private long limit(String option, boolean zeroAllowed) {
            if (options.text(option).equals("all")) {
                return Long.MAX_VALUE;
            }
            int limit = options.integer(option);
            if (limit < 0 || limit == 0 && !zeroAllowed) {
                throw new IllegalArgumentException("--" + option + " must be 'all' or a positive number"
                        + (zeroAllowed ? " (0: none)" : "") + ", got " + limit);
            }
            return limit;
        }

        void run(CelebAFiles files) throws IOException {
            checkAttributes(files, architecture.tasks());
            int batchSize = options.integer("batch-size");
            CelebA train = dataset(files, CelebA.Partition.TRAIN, trainLimit, batchSize, true);
            CelebA validation = validationLimit == 0 ? null
                    : dataset(files, CelebA.Partition.VALIDATION, validationLimit, batchSize, false);
            CelebA test = dataset(files, CelebA.Partition.TEST, testLimit, batchSize, false);
            if (train.size() == 0 || test.size() == 0) {
                throw new IOException(CelebAFiles.PARTITION_FILE + " in " + files.folder().toAbsolutePath()
                        + " puts no image in the " + (train.size() == 0 ? "train (0)" : "test (2)") + " partition");
            }
            System.out.printf(Locale.ROOT, "CelebA: %d train, %d validation, %d test images at %dx%d; %s model%n",
                    train.size(), validation == null ? 0 : validation.size(), test.size(), imageSize, imageSize,
                    architecture.description);
            List<Run> runs = new ArrayList<>();
            int next = 0;
            for (int seed : options.seeds()) {
                for (String spec : options.methods()) {
                    runs.add(train(Methods.parse(spec), runNames.get(next++), seed, train, validation, test));
                    write(runs);
                }
            }
            System.out.println(perTaskTable(runs).render());
            System.out.println(summaryTable(runs).render());
            System.out.println("wrote " + options.output().resolve(architecture.fileName() + ".csv") + ", .json, "
                    + architecture.fileName() + "-tasks.csv, .json and " + architecture.fileName() + "-curves.png");
        }

        private CelebA dataset(CelebAFiles files, CelebA.Partition partition, long limit, int batchSize,
                boolean shuffle) throws IOException {
            return CelebA.builder().setFiles(files).optPartition(partition).optImageSize(imageSize).optLimit(limit)
                    .optLoaderThreads(options.integer("loader-threads")).setSampling(batchSize, shuffle).build();
        }

        /** Trains one model and returns its test F1-scores and training time. */
        private Run train(MultiTaskMethod method, String name, int seed, CelebA train, CelebA validation, CelebA test)
                throws IOException {
            MultiTaskModel.Builder builder = architecture.builder(imageSize);
            int rotationSize = options.rotationSize();
            if (!method.rotates() || rotationSize == 0) {
                builder.clearRotation();
            } else if (rotationSize > 0) {
                builder.optRotation(rotationSize, FeatureAxis.FEATURES, RotationInit.HAAR, seed);
            }
            System.out.println("== " + name);
            try (MultiTaskTraining training = options.configure(MultiTaskTraining.builder(builder.build()), seed)
                    .setInputShapes(new Shape(1, 3, imageSize, imageSize))
                    .optMethod(method)
                    .optConsoleProgress(false)
                    .addListeners(CelebAProgress.listener())
                    .build()) {
                List<EpochSummary> epochs = training.fit(train, validation);
                Map<String, Double> values = training.evaluate(test);
                List<String> tasks = architecture.tasks();
                double[] f1 = new double[tasks.size()];
                for (int k = 0; k < f1.length; k++) {
                    f1[k] = 100 * values.get(tasks.get(k) + "_f1");
                }
                double seconds = epochs.stream().mapToDouble(EpochSummary::seconds).sum();
                return new Run(name, f1, seconds / 3600, epochs);
            }
        }

        private void write(List<Run> runs) throws IOException {
            Path output = options.output();
            String file = architecture.fileName();
            ResultsTable summary = summaryTable(runs);
            summary.writeCsv(output.resolve(file + ".csv"));
            summary.writeJson(output.resolve(file + ".json"));
            ResultsTable perTask = perTaskTable(runs);
            perTask.writeCsv(output.resolve(file + "-tasks.csv"));
            perTask.writeJson(output.resolve(file + "-tasks.json"));
            Map<String, List<EpochSummary>> curves = new LinkedHashMap<>();
            runs.forEach(run -> curves.put(run.name(), overTasks(run.epochs())));
            TrainingCurves.write("CelebA (" + architecture.description + "): training loss and validation F1 (%) "
                    + "over the 40 tasks", curves, output.resolve(file + "-curves.png"));
        }

        private ResultsTable summaryTable(List<Run> runs) {
            ResultsTable table = new ResultsTable("CelebA, " + architecture.description + ", " + imageSize + "x"
                    + imageSize + ": test F1-scores (%) over the 40 tasks, training hours", SUMMARY_COLUMNS);
            for (Run run : runs) {
                TaskStatistics statistics = TaskStatistics.of(run.f1());
                table.addRow(run.name(), Map.of("min_f1", statistics.min(), "median_f1", statistics.median(),
                        "mean_f1", statistics.mean(), "std_f1", statistics.std(), "hours", run.hours()));
            }
            return table;
        }

        private ResultsTable perTaskTable(List<Run> runs) {
            ResultsTable table = new ResultsTable("CelebA, " + architecture.description + ": test F1-score (%) of "
                    + "each attribute", runNames);
            List<String> tasks = architecture.tasks();
            for (int k = 0; k < tasks.size(); k++) {
                Map<String, Double> row = new LinkedHashMap<>();
                for (Run run : runs) {
                    row.put(run.name(), run.f1()[k]);
                }
                table.addRow(tasks.get(k), row);
            }
            return table;
        }
    }

    private static String runName(MultiTaskMethod method, String spec, int seed) {
        int colon = spec.indexOf(':');
        return method.name() + (colon < 0 ? "" : " " + spec.substring(colon + 1)) + " seed " + seed;
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
                TaskStatistics statistics = TaskStatistics.of(f1);
                validation.put("min_f1", statistics.min());
                validation.put("median_f1", statistics.median());
                validation.put("mean_f1", statistics.mean());
            }
            summaries.add(new EpochSummary(epoch.epoch(), Map.of("mean over tasks", loss), validation,
                    epoch.seconds(), epoch.skippedSteps()));
        }
        return summaries;
    }
}
