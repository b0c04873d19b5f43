package org.rotograd4j.samples.nyuv2;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.report.Measure;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Reproduces the paper's NYUv2 experiment (§6.3, Table 3): MTAN's SegNet with a shared encoder-decoder and
 * three heads (13-class segmentation, depth, surface normals), trained with several methods and seeds from
 * identical initial weights per seed, on MTAN's preprocessed NYUv2, and compares them with {@link
 * MethodComparison}: Table 3's metrics on the validation split, the relative improvement Δ_k of each task
 * (Eq. 6, averaged over the task's metrics) against single-task baselines (measured here or read from a
 * file), the average, median and maximum Δ_k, and the time of a training step, an epoch and a run. Writes
 * {@code nyuv2-runs.csv/.json}, {@code nyuv2-summary.csv/.json}, {@code nyuv2-curves.png}, {@code
 * nyuv2-deltas.png} and {@code nyuv2-report.html} to the output folder.
 *
 * <p>Besides the standard options: {@code --scale} (resize factor, 0.25 trains at 72x96), {@code --width}
 * (SegNet's first filters, MTAN: 64), {@code --train-limit} and {@code --val-limit} (scenes, 0 for all),
 * {@code --augment true|false} (MTAN's scale-crop and flip on training scenes) and {@code --single-task
 * none|measure|FILE}. Learning rates are halved every 100 epochs, as MTAN's scheduler does.
 */
@Command(name = "nyuv2", description = "Compares multi-task methods on NYUv2 with SegNet (paper §6.3, Table 3).")
public final class NyuV2Sample implements Callable<Integer> {

    /** The prefix of the files written, {@code nyuv2-runs.csv} and so on. */
    static final String NAME = "nyuv2";
    static final int DECAY_EPOCHS = 100;

    @Mixin
    private TrainingOptions options;

    @Spec
    private CommandSpec spec;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "FACTOR",
            description = "resize factor of the scenes, in (0, 1] (default: ${DEFAULT-VALUE})")
    private double scale;

    @Option(names = "--width", defaultValue = "" + SegNetModel.DEFAULT_WIDTH, paramLabel = "FILTERS",
            description = "SegNet's first filters (default: ${DEFAULT-VALUE})")
    private int width;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "SCENES",
            description = "the first training scenes, 0 for all (default: ${DEFAULT-VALUE})")
    private int trainLimit;

    @Option(names = "--val-limit", defaultValue = "0", paramLabel = "SCENES",
            description = "the first validation scenes, 0 for all (default: ${DEFAULT-VALUE})")
    private int valLimit;

    @Option(names = "--augment", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "MTAN's scale-crop and flip on training scenes (default: ${DEFAULT-VALUE})")
    private boolean augment;

    @Option(names = "--single-task", defaultValue = "none", paramLabel = "none|measure|FILE",
            description = "the baselines of Δ_k: none, measure (train them) or a JSON/CSV file of single-task "
                    + "metrics (default: ${DEFAULT-VALUE})")
    private String singleTask;

    private NyuV2Sample() {}

    /**
     * Runs the comparison; exits with status 2 when the data is missing or an option is wrong, 1 when the
     * data cannot be read.
     *
     * @param args {@code --name value} options; {@code --help} lists them all
     */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the comparison and returns the exit status. */
    static int run(String[] args) {
        return TrainingOptions.execute(new NyuV2Sample(), args, Map.of("data", "data/nyuv2", "epochs", "200",
                "batch-size", "2", "lr", "1e-4", "rotation-lr", "5e-5", "output", "target/nyuv2"));
    }

    /**
     * Checks the options and runs the comparison.
     *
     * @return 0 when done, 1 when the data cannot be read, 2 when it is missing
     * @throws IOException if the results cannot be written
     * @throws ParameterException naming an option whose value does not fit
     */
    @Override
    public Integer call() throws IOException {
        Settings settings = settings();
        Path data = options.data();
        if (!Files.isDirectory(data.resolve(NyuV2.Split.TRAIN.folder()))
                || !Files.isDirectory(data.resolve(NyuV2.Split.VAL.folder()))) {
            System.err.println(missingData(data));
            return 2;
        }
        Runner runner = new Runner(settings);
        MethodComparison.Builder builder = MethodComparison.builder()
                .setMethods(options.methods())
                .setSeeds(options.seeds())
                .setRunner((method, seed, tasks, checkpoints) -> runner.train(method, seed, tasks));
        NyuV2.TASKS.forEach(task -> builder.addTask(task, NyuV2Metrics.BY_TASK.get(task).toArray(Measure[]::new)));
        if (settings.singleTaskFile() != null) {
            try {
                builder.optSingleTaskResults(SingleTaskResults.read(settings.singleTaskFile()));
            } catch (IOException e) {
                System.err.println("--single-task: " + e.getMessage());
                return 2;
            }
        } else if (!settings.measureSingle()) {
            builder.optSingleTaskResults(Map.of()); // --single-task none: no baselines, Δ_k are NaN
        }
        MethodComparison.Result result;
        try {
            result = builder.build().run();
        } catch (IOException e) {
            System.err.println("cannot read the NYUv2 data: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof IOException cause)) {
                throw e;
            }
            // DJL's batch iterator wraps what a dataset's get() throws.
            System.err.println("cannot read the NYUv2 data: " + cause.getMessage());
            return 1;
        }
        System.out.println(result.runs().render());
        System.out.println(result.summary().render());
        Path report = result.write(options.output(), NAME);
        System.out.println("wrote " + NAME + "-runs/-summary .csv/.json, -curves.png, -deltas.png and the report "
                + report.toAbsolutePath());
        return 0;
    }

    static String missingData(Path data) {
        return "No preprocessed NYUv2 in " + data.toAbsolutePath() + ".\n"
                + "This sample reads NYUv2 as MTAN (Liu et al., 2019) preprocessed it: a folder with train/ (795 "
                + "scenes) and val/ (654 scenes), each holding image/, label/, depth/ and normal/ folders of "
                + "<index>.npy files at 288x384.\n"
                + "Download nyuv2.zip (several GB) from the link in the README of https://github.com/lorenmt/mtan, "
                + "unzip it and pass its folder: --data /path/to/nyuv2";
    }

    /** This sample's own options, checked. */
    record Settings(boolean measureSingle, Path singleTaskFile, int rotationSize) {}

    private Settings settings() {
        if (!(scale > 0 && scale <= 1)) {
            throw invalid("--scale must be in (0, 1], got " + scale);
        }
        if (width <= 0) {
            throw invalid("--width must be positive, got " + width);
        }
        for (Map.Entry<String, Integer> limit : Map.of("--train-limit", trainLimit, "--val-limit", valLimit).entrySet()) {
            if (limit.getValue() < 0) {
                throw invalid(limit.getKey() + " must be 0 (all) or positive, got " + limit.getValue());
            }
        }
        Path file = null;
        if (!singleTask.equals("none") && !singleTask.equals("measure")) {
            file = Path.of(singleTask);
            if (!Files.isRegularFile(file)) {
                throw invalid("--single-task must be none, measure or a JSON/CSV file of single-task metrics; "
                        + file.toAbsolutePath() + " is not a file");
            }
        }
        int rotationSize = options.rotationSize().orElse(width);
        if (rotationSize > width) {
            throw invalid("--rotation-size " + rotationSize + " exceeds the " + width + " channels of the shared "
                    + "feature (SegNet's width); rotations act on channels per pixel");
        }
        return new Settings(singleTask.equals("measure"), file, rotationSize);
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Trains and measures one SegNet for {@link MethodComparison}. */
    private final class Runner {
        private final Settings settings;
        private final Device device;

        Runner(Settings settings) {
            this.settings = settings;
            this.device = options.device();
        }

        /**
         * Trains one model on the given tasks; returns its metrics on val and its epochs (losses for the curves,
         * and the times of its steps, epochs and validations).
         */
        MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            NyuV2 train = dataset(NyuV2.Split.TRAIN, seed, tasks, trainLimit, augment);
            NyuV2 validation = dataset(NyuV2.Split.VAL, seed, tasks, valLimit, false);
            int batchSize = options.batchSize();
            int decaySteps = DECAY_EPOCHS * (int) Math.ceil((double) train.size() / batchSize);
            String run = (tasks.size() == 1 ? "single " + tasks.get(0) : method.id()) + " seed " + seed;
            System.out.println("== " + run + ": " + train.size() + " training scenes of " + train.height() + "x"
                    + train.width() + ", SegNet width " + width
                    + (method.rotates() ? ", rotating " + settings.rotationSize() + " channels per pixel" : ""));
            MultiTaskConfig config = options.config(seed)
                    .optMethod(() -> method)
                    .optNetworkLearningRate(LearningRateSchedule.stepDecay(options.learningRate(), 0.5, decaySteps))
                    .optRotationLearningRate(
                            LearningRateSchedule.stepDecay(options.rotationLearningRate(), 0.5, decaySteps))
                    .build();
            try (SegNetModelTraining trainer = SegNetModelTraining.builder(block(method, seed, tasks))
                    .setInputShapes(new Shape(1, 3, train.height(), train.width()))
                    .optDevice(device)
                    .optConfig(config)
                    .build()) {
                List<EpochSummary> epochs = trainer.fit(train, validation);
                Map<String, Double> values = measure(trainer.training(), validation);
                System.out.println("   val " + values);
                return new MethodComparison.Run(values, epochs);
            }
        }

        /** The multi-task block of a SegNet with the given tasks, rotating all channels when the method rotates. */
        private MultiTaskModel block(MultiTaskMethod method, int seed, List<String> tasks) {
            MultiTaskModel.Builder builder = SegNetModelMultiTask.builder(new SegNetModel(width));
            if (method.rotates() && settings.rotationSize() > 0) {
                builder.optRotation(settings.rotationSize(), FeatureAxis.CHANNELS, RotationInit.HAAR, seed);
            } else {
                builder.clearRotation();
            }
            options.applyRotationChoices(builder);
            MultiTaskModel full = builder.build();
            if (tasks.equals(NyuV2.TASKS)) {
                return full;
            }
            MultiTaskModel.Builder only = MultiTaskModel.builder().setBackbone(full.backbone());
            tasks.forEach(task -> only.addTask(full.tasks().get(full.taskIndex(task))));
            return only.build();
        }

        private NyuV2 dataset(NyuV2.Split split, int seed, List<String> tasks, int limit, boolean augment)
                throws IOException {
            NyuV2.Builder builder = NyuV2.builder().setRoot(options.data()).optSplit(split).optTasks(tasks)
                    .optScale(scale).optAugmentation(augment).optSeed(seed)
                    .setSampling(options.batchSize(), split == NyuV2.Split.TRAIN);
            if (limit > 0) {
                builder.optLimit(limit);
            }
            return builder.build();
        }

        /** Table 3's metrics of a trained model's predictions on {@code data}. */
        private Map<String, Double> measure(MultiTaskTraining training, NyuV2 data) throws IOException {
            NyuV2Metrics metrics = new NyuV2Metrics();
            List<String> tasks = training.model().taskNames();
            try (NDManager manager = NDManager.newBaseManager(device)) {
                for (Batch batch : data.getData(manager)) {
                    try (batch; NDScope scope = new NDScope()) {
                        metrics.add(tasks, training.predict(batch.getData()), batch.getLabels());
                    }
                }
            } catch (TranslateException e) {
                throw new IOException("cannot read " + data + ": " + e.getMessage(), e);
            }
            return new LinkedHashMap<>(metrics.values());
        }
    }
}
