package org.rotograd4j.samples.subspace;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.Measure;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.samples.multimnist.IdxFile;
import org.rotograd4j.train.MultiTaskModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Paper §6.2, Table 1 and Figure 4: ten binary one-vs-rest tasks on CIFAR-10 (or Fashion-MNIST), a
 * ResNet-18 backbone (d = 512) and linear heads; compares methods over seeds, and RotoGrad and IMTL-G+R_k
 * rotating subspaces of m features for each m of {@code --rotation-sizes}. Methods that do not rotate are run
 * once, at the first m. Writes {@code subspace-runs/-summary .csv/.json} (the summary is Table 1), {@code
 * subspace-curves.png}, {@code subspace-deltas.png} (Figure 4) and {@code subspace-report.html}.
 *
 * <p>Run: {@code mvn -q -f samples/subspace exec:java -Dexec.args="--quick"}.
 */
@Command(name = "subspace", description = "Subspace rotations on ten one-vs-rest tasks (paper §6.2, Table 1).")
public final class SubspaceSample implements Callable<Integer> {

    /** The methods of Table 1, in its order. */
    public static final String TABLE1_METHODS = "vanilla,graddrop,pcgrad,mgda,gradnorm,imtl-g,imtl-g+r,rotograd";
    /** What {@code --quick} sets: training images, test images, epochs and shrink factor. */
    static final int QUICK_TRAIN = 10_000;
    static final int QUICK_TEST = 2000;
    static final int QUICK_EPOCHS = 4;
    static final int QUICK_SHRINK = 2;
    static final int QUICK_BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(SubspaceSample.class);

    /** The data a run reads. */
    enum DataSource {
        /** Fashion-MNIST's IDX files, gzipped or not (28x28x1). */
        FASHION_MNIST,
        /** The CIFAR-10 binary release (32x32x3). */
        CIFAR10
    }

    @Mixin
    private TrainingOptions options;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "fashion-mnist|cifar10",
            converter = DataSourceConverter.class,
            description = "the ten-class images (default: ${DEFAULT-VALUE}); --data is their folder")
    private DataSource dataset;

    @Option(names = "--rotation-sizes", split = ",", defaultValue = "64,128,256,512", paramLabel = "M",
            description = "the sizes m of the rotated subspace, 1 to 512 (default: ${DEFAULT-VALUE})")
    private List<Integer> rotationSizes;

    @Option(names = "--train-size", defaultValue = "0", paramLabel = "IMAGES",
            description = "training images, the first ones; 0 for all (default: ${DEFAULT-VALUE})")
    private int trainSize;

    @Option(names = "--test-size", defaultValue = "0", paramLabel = "IMAGES",
            description = "test images, the first ones; 0 for all (default: ${DEFAULT-VALUE})")
    private int testSize;

    @Option(names = "--shrink", defaultValue = "1", paramLabel = "FACTOR",
            description = "divide the images' side by this, averaging squares of pixels (default: ${DEFAULT-VALUE})")
    private int shrink;

    @Option(names = "--quick", description = "a short run: " + QUICK_TRAIN + " training and " + QUICK_TEST
            + " test images, " + QUICK_EPOCHS + " epochs of batches of " + QUICK_BATCH + ", images shrunk by "
            + QUICK_SHRINK + ", the --narrow network (overrides --train-size, --test-size, --epochs, --batch-size and "
            + "--shrink)")
    private boolean quick;

    @Option(names = "--narrow", description = "ResNet-18 at a quarter of its width, d = "
            + NarrowSubspaceModel.FEATURES + " (NarrowSubspaceModel), instead of d = " + SubspaceModel.FEATURES)
    private boolean narrow;

    @Option(names = "--shared-baselines", description = "train each task's single-task model at the first seed only "
            + "and measure every seed's Δ_k against it (cheaper: one set of ten instead of one per seed)")
    private boolean sharedBaselines;

    private SubspaceSample() {}

    /**
     * Runs the comparison; exits with status 2 on a bad option, 1 when the data cannot be read.
     *
     * @param args {@code --name value} options; {@code --help} lists them
     */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the comparison with this sample's defaults.
     *
     * @param args the command line
     * @return the exit status: 0 when done, 1 when the data cannot be read, 2 on a bad option
     */
    static int run(String[] args) {
        return TrainingOptions.execute(new SubspaceSample(), args, Map.of("data", "/usr/share/datasets/fashion-mnist",
                "output", "target/subspace", "methods", TABLE1_METHODS, "seeds", "1,2,3"));
    }

    /**
     * Runs the comparison with the parsed options.
     *
     * @return 0 when done
     * @throws IOException if the data cannot be read or the results written
     */
    @Override
    public Integer call() throws IOException {
        checkOptions();
        int epochs = quick ? QUICK_EPOCHS : options.epochs();
        int factor = quick ? QUICK_SHRINK : shrink;
        int batchSize = quick ? QUICK_BATCH : options.batchSize();
        LabelledImages train = dataset == DataSource.CIFAR10 ? Cifar10Files.readTrain(options.data())
                : readIdx(options.data(), "train");
        LabelledImages test = dataset == DataSource.CIFAR10 ? Cifar10Files.readTest(options.data())
                : readIdx(options.data(), "t10k");
        Runner runner = new Runner(train, test, quick ? QUICK_TRAIN : trainSize, quick ? QUICK_TEST : testSize,
                factor, epochs, batchSize);
        System.out.printf("%s from %s: %d of %d training and %d of %d test images, %dx%dx%d, %d epochs of batches "
                + "of %d, %s%n", dataset, options.data(), runner.train.size(), train.count(), runner.test.size(),
                test.count(), train.channels(), runner.train.side(), runner.train.side(), epochs, batchSize,
                narrow || quick ? "ResNet-18 at a quarter of its width (d = 128)" : "ResNet-18 (d = 512)");
        List<String> methods = MethodComparison.methodIds(options.methods());
        List<String> rotating = methods.stream().filter(id -> Methods.parse(id).rotates()).toList();
        Map<Integer, MethodComparison.Result> results = new LinkedHashMap<>();
        for (int m : rotationSizes) {
            List<String> these = results.isEmpty() ? methods : rotating;
            if (these.isEmpty()) {
                break;
            }
            runner.rotationSize = m;
            MethodComparison.Builder comparison = MethodComparison.builder()
                    .setMethods(these)
                    .setSeeds(options.seeds())
                    .setRunner((method, seed, tasks, checkpoints) -> runner.train(method, seed, tasks));
            OneVsRest.TASKS.forEach(task -> comparison.addTask(task, Measure.higherIsBetter(task + "_f1")));
            results.put(m, comparison.build().run());
            report(results, m == rotationSizes.get(rotationSizes.size() - 1) || rotating.isEmpty());
        }
        return 0;
    }

    /** Writes the report of the sizes done so far, so that a long run that is stopped keeps them. */
    private void report(Map<Integer, MethodComparison.Result> results, boolean last) throws IOException {
        MethodComparison.Result result = SubspaceTable.assemble(results, id -> Methods.parse(id).rotates());
        if (last) {
            System.out.println(result.runs().render());
            System.out.println(result.summary().render());
        }
        System.out.println("Table 1 (" + dataset + ", m = " + results.keySet() + "): median ± std over seeds "
                + options.seeds() + " of Δ_k (%)");
        System.out.println(SubspaceTable.render(result.summary()));
        Path report = result.write(options.output(), "subspace");
        System.out.println("wrote subspace-runs/-summary .csv/.json, -curves.png, -deltas.png (Figure 4) and the "
                + "report " + report.toAbsolutePath());
    }

    private void checkOptions() {
        if (options.rotationSize().isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "this sample compares several rotation "
                    + "sizes: give them with --rotation-sizes, not --rotation-size " + options.rotationSize().getAsInt());
        }
        int features = narrow || quick ? NarrowSubspaceModel.FEATURES : SubspaceModel.FEATURES;
        for (int m : rotationSizes) {
            if (m < 1 || m > features) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rotation-sizes: " + m
                        + " is not a size from 1 to " + features + ", the shared features");
            }
        }
        if (rotationSizes.stream().distinct().count() < rotationSizes.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rotation-sizes " + rotationSizes
                    + " gives a size twice");
        }
    }

    private static LabelledImages readIdx(Path folder, String prefix) throws IOException {
        Path images = find(folder, prefix + "-images-idx3-ubyte");
        Path labels = find(folder, prefix + "-labels-idx1-ubyte");
        return LabelledImages.fromIdx(IdxFile.readImages(images), IdxFile.readLabels(labels));
    }

    private static Path find(Path folder, String name) throws IOException {
        for (Path candidate : List.of(folder.resolve(name), folder.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException(folder.toAbsolutePath().resolve(name) + "(.gz): no such file. Fashion-MNIST needs "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte "
                + "(gzipped or not); on Debian: apt-get install dataset-fashion-mnist, then --data "
                + "/usr/share/datasets/fashion-mnist");
    }

    /**
     * Trains one model with the generated trainer; single-task baselines are trained once per seed and task (once
     * per task with {@code --shared-baselines}), whatever the rotation size.
     */
    private final class Runner {
        private final OneVsRest train;
        private final OneVsRest test;
        private final LabelledImages trainImages;
        private final LabelledImages testImages;
        private final int trainLimit;
        private final int testLimit;
        private final int factor;
        private final int epochs;
        private final int batchSize;
        private final Map<String, MethodComparison.Run> singleTaskRuns = new HashMap<>();
        private int rotationSize;

        Runner(LabelledImages trainImages, LabelledImages testImages, int trainLimit, int testLimit, int factor,
                int epochs, int batchSize) {
            this.trainImages = trainImages;
            this.testImages = testImages;
            this.trainLimit = trainLimit;
            this.testLimit = testLimit;
            this.factor = factor;
            this.epochs = epochs;
            this.batchSize = batchSize;
            this.train = dataset(trainImages, trainLimit, OneVsRest.TASKS, true);
            this.test = dataset(testImages, testLimit, OneVsRest.TASKS, false);
        }

        MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            boolean all = tasks.size() == OneVsRest.TASKS.size();
            if (all) {
                return fit(method, seed, tasks);
            }
            String key = String.join(",", tasks) + (sharedBaselines ? "" : " seed " + seed);
            MethodComparison.Run known = singleTaskRuns.get(key);
            if (known == null) {
                known = fit(method, seed, tasks);
                singleTaskRuns.put(key, known);
            }
            return known;
        }

        private MethodComparison.Run fit(MultiTaskMethod method, int seed, List<String> tasks) throws IOException {
            boolean all = tasks.size() == OneVsRest.TASKS.size();
            MultiTaskModel.Builder builder = narrow || quick
                    ? NarrowSubspaceModelMultiTask.builder(new NarrowSubspaceModel())
                    : SubspaceModelMultiTask.builder(new SubspaceModel());
            if (method.rotates() && all) {
                builder.optRotation(rotationSize, FeatureAxis.FEATURES, RotationInit.HAAR, seed);
            } else {
                builder.clearRotation();
            }
            options.applyRotationChoices(builder);
            MultiTaskModel model = all ? builder.build() : only(builder.build(), tasks);
            String name = all ? method.id() + (method.rotates() ? " m=" + rotationSize : "") : "single " + tasks;
            LOG.info("training {} seed {}", name, seed);
            OneVsRest trainData = all ? train : dataset(trainImages, trainLimit, tasks, true);
            OneVsRest testData = all ? test : dataset(testImages, testLimit, tasks, false);
            try (MultiTaskTraining training = MultiTaskTraining.builder(model)
                    .setInputShapes(new Shape(1, trainImages.channels(), train.side(), train.side()))
                    .optDevice(options.device())
                    .optConfig(options.config(seed).optEpochs(epochs).optBatchSize(batchSize).optMethod(() -> method).build())
                    .build()) {
                List<EpochSummary> history = training.fit(trainData, null);
                Map<String, Double> values = training.evaluate(testData);
                Map<String, Double> measures = new LinkedHashMap<>();
                for (String task : tasks) {
                    measures.put(task + "_f1", 100 * values.get(task + "_f1"));
                }
                LOG.info("{} seed {}: test F1 (%) {}", name, seed, measures);
                return new MethodComparison.Run(measures, new ArrayList<>(history));
            }
        }

        private OneVsRest dataset(LabelledImages images, int limit, List<String> tasks, boolean shuffle) {
            return OneVsRest.builder().setImages(images).optLimit(limit).optShrinkFactor(factor).optTasks(tasks)
                    .setSampling(batchSize, shuffle).build();
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

    /** Reads {@code fashion-mnist} and {@code cifar10}. */
    static final class DataSourceConverter implements CommandLine.ITypeConverter<DataSource> {
        @Override
        public DataSource convert(String value) {
            return switch (value) {
                case "fashion-mnist" -> DataSource.FASHION_MNIST;
                case "cifar10" -> DataSource.CIFAR10;
                default -> throw new CommandLine.TypeConversionException("must be fashion-mnist or cifar10, got '"
                        + value + "'");
            };
        }
    }
}
