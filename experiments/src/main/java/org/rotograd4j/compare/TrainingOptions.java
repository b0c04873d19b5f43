package org.rotograd4j.compare;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.rotograd4j.Devices;
import org.rotograd4j.method.Methods;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.train.GradientSpace;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line options every sample shares, as a picocli mixin ({@code @Mixin TrainingOptions options} in
 * a sample's command): data folder, methods, epochs, batch size, learning rates, rotation choices, seeds,
 * gradient space, device, output folder, and {@code -h}/{@code --help}. {@link #execute} runs a sample's
 * command with its own defaults for these options.
 */
public final class TrainingOptions {

    /** The value of the rotation options that keeps what the model's annotations say. */
    public static final String ANNOTATED = "annotated";

    @Option(names = "--data", defaultValue = "data", paramLabel = "FOLDER",
            description = "the data folder (default: ${DEFAULT-VALUE})")
    private Path data;

    @Option(names = "--methods", split = ",", defaultValue = "vanilla,rotograd", paramLabel = "METHOD",
            converter = MethodSpecification.class,
            description = "the methods to compare, comma-separated, with their parameters (cagrad:0.5); "
                    + "default: ${DEFAULT-VALUE}")
    private List<String> methods;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
            description = "training epochs per model (default: ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N",
            description = "samples per training step (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE",
            description = "the network's learning rate (default: ${DEFAULT-VALUE})")
    private double learningRate;

    @Option(names = "--rotation-lr", defaultValue = "5e-4", paramLabel = "RATE",
            description = "the rotations' learning rate (default: ${DEFAULT-VALUE})")
    private double rotationLearningRate;

    @Option(names = "--rotation-size", defaultValue = ANNOTATED, paramLabel = "annotated|M",
            converter = AnnotatedOrCount.class,
            description = "features rotated per task, 0 for none (default: ${DEFAULT-VALUE}, the model's own)")
    private OptionalInt rotationSize;

    @Option(names = "--rotation-parametrization", defaultValue = ANNOTATED,
            paramLabel = "annotated|exponential|trivialized", converter = AnnotatedOrParametrization.class,
            description = "how rotations are parametrized (default: ${DEFAULT-VALUE}, the model's own)")
    private Optional<RotationParametrization> rotationParametrization;

    @Option(names = "--rotation-blocks", defaultValue = ANNOTATED, paramLabel = "annotated|B",
            converter = AnnotatedOrCount.class,
            description = "diagonal blocks of each rotation (default: ${DEFAULT-VALUE}, the model's own)")
    private OptionalInt rotationBlocks;

    @Option(names = "--seeds", split = ",", defaultValue = "1", paramLabel = "SEED",
            description = "the seeds of the initial weights, comma-separated (default: ${DEFAULT-VALUE})")
    private List<Integer> seeds;

    @Option(names = "--gradient-space", defaultValue = "feature", paramLabel = "feature|parameters",
            description = "where methods combine the task gradients (default: ${DEFAULT-VALUE})")
    private GradientSpace gradientSpace;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu|gpuN",
            description = "the device to train on (default: ${DEFAULT-VALUE})")
    private String device;

    @Option(names = "--output", defaultValue = "target/results", paramLabel = "FOLDER",
            description = "the folder of the result files (default: ${DEFAULT-VALUE})")
    private Path output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    /**
     * Parses a command line into a sample's command and runs it. Standard and sample options get their
     * {@code defaults} where given, else their declared default. A bad option prints what is wrong (naming the
     * option and the value) and the usage, and returns 2; {@code --help} prints the usage and returns 0; an
     * {@link IOException} of the command prints {@code error: <message>} and returns 1.
     *
     * @param command the sample's command, with {@code @Mixin TrainingOptions} and its own options; it may
     *     throw {@link CommandLine.ParameterException} for an invalid combination of options
     * @param args the command line
     * @param defaults each option's default in this sample, by name without the leading {@code --}, such as
     *     {@code output -> target/multimnist}
     * @return the exit status: the command's, or 0, 1 or 2 as above
     * @throws IllegalArgumentException when a default names no option of the command
     */
    public static int execute(Callable<Integer> command, String[] args, Map<String, String> defaults) {
        CommandLine commandLine = commandLine(command, defaults);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            if (exception instanceof IOException) {
                failed.getErr().println("error: " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    /**
     * Parses a command line into a sample's command without running it, as {@link #execute} would: for a
     * process that makes the sample's runner from the command line the sample was started with (see {@link
     * RunnerFactory}).
     *
     * @param command the sample's command, with {@code @Mixin TrainingOptions} and its own options
     * @param args the command line
     * @param defaults each option's default in this sample, by name without the leading {@code --}
     * @param <T> the command's type
     * @return {@code command}, its options set
     * @throws CommandLine.ParameterException naming the option at fault
     * @throws IllegalArgumentException when a default names no option of the command
     */
    public static <T> T parse(T command, List<String> args, Map<String, String> defaults) {
        commandLine(command, defaults).parseArgs(args.toArray(String[]::new));
        return command;
    }

    /** The command line of a sample's command, with its defaults, case-insensitive enums and the methods' help. */
    private static CommandLine commandLine(Object command, Map<String, String> defaults) {
        CommandLine commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        Set<String> names = new TreeSet<>();
        commandLine.getCommandSpec().options().forEach(option -> names.add(option.longestName().substring(2)));
        if (!names.containsAll(defaults.keySet())) {
            throw new IllegalArgumentException("defaults for options the command does not have: "
                    + defaults.keySet().stream().filter(name -> !names.contains(name)).toList() + "; it has " + names);
        }
        commandLine.getCommandSpec().usageMessage().footer(methodsHelp());
        commandLine.setDefaultValueProvider((ArgSpec arg) -> arg instanceof OptionSpec option
                ? defaults.get(option.longestName().substring(2)) : null);
        return commandLine;
    }

    /**
     * Returns the data folder.
     *
     * @return {@code --data}
     */
    public Path data() {
        return data;
    }

    /**
     * Returns the output folder.
     *
     * @return {@code --output}
     */
    public Path output() {
        return output;
    }

    /**
     * Returns the methods to run, as {@link Methods#parse} reads them; each was checked by it.
     *
     * @return {@code --methods}, in the given order; unmodifiable
     */
    public List<String> methods() {
        return List.copyOf(methods);
    }

    /**
     * Returns the seeds to run.
     *
     * @return {@code --seeds}, in the given order; unmodifiable
     */
    public List<Integer> seeds() {
        return List.copyOf(seeds);
    }

    /**
     * Returns the number of epochs.
     *
     * @return {@code --epochs}
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns the batch size.
     *
     * @return {@code --batch-size}
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the network's learning rate.
     *
     * @return {@code --lr}
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Returns the rotations' learning rate.
     *
     * @return {@code --rotation-lr}
     */
    public double rotationLearningRate() {
        return rotationLearningRate;
    }

    /**
     * Returns the rotation size.
     *
     * @return {@code --rotation-size}; empty for {@value #ANNOTATED}: keep the model's own
     */
    public OptionalInt rotationSize() {
        return rotationSize;
    }

    /**
     * Applies {@code --rotation-parametrization} and {@code --rotation-blocks} to a model builder, each unless
     * it is {@value #ANNOTATED}. The rotation size is the sample's to apply.
     *
     * @param builder the model's builder
     * @return the builder
     */
    public MultiTaskModel.Builder applyRotationChoices(MultiTaskModel.Builder builder) {
        rotationParametrization.ifPresent(builder::optRotationParametrization);
        rotationBlocks.ifPresent(builder::optRotationBlocks);
        return builder;
    }

    /**
     * Returns a configuration with these options: epochs, batch size, learning rates, gradient space and seed.
     *
     * @param seed the run's seed
     * @return a configuration builder, for the sample to add its method and anything else
     */
    public MultiTaskConfig.Builder config(long seed) {
        return MultiTaskConfig.builder()
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optNetworkLearningRate(learningRate)
                .optRotationLearningRate(rotationLearningRate)
                .optGradientSpace(gradientSpace)
                .optSeed(seed);
    }

    /**
     * Returns the device to train on.
     *
     * @return {@code --device}, resolved by {@link Devices#resolve}
     * @throws IllegalArgumentException naming an unknown device
     */
    public Device device() {
        return Devices.resolve(device);
    }

    /** Returns the usage's footer: the methods {@code --methods} accepts, one line each, from the registry. */
    private static String[] methodsHelp() {
        List<String> lines = new ArrayList<>();
        lines.add("%nMethods (--methods a,b,...; hyperparameters after colons, such as cagrad:0.5):");
        Methods.help().lines().forEach(line -> lines.add("  " + line.replace("%", "%%")));
        return lines.toArray(String[]::new);
    }

    /** Checks a method specification with {@link Methods#parse} and keeps its text. */
    static final class MethodSpecification implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String specification = value.trim();
            try {
                Methods.parse(specification);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return specification;
        }
    }

    /** Reads {@value #ANNOTATED} as empty, else a count of 0 or more. */
    static final class AnnotatedOrCount implements ITypeConverter<OptionalInt> {
        @Override
        public OptionalInt convert(String value) {
            if (value.equals(ANNOTATED)) {
                return OptionalInt.empty();
            }
            if (!value.matches("\\d{1,9}")) {
                throw new TypeConversionException("'" + value + "' is neither " + ANNOTATED + " nor a count (0 or more)");
            }
            return OptionalInt.of(Integer.parseInt(value));
        }
    }

    /** Reads {@value #ANNOTATED} as none (picocli then gives an empty Optional), else a parametrization. */
    static final class AnnotatedOrParametrization implements ITypeConverter<RotationParametrization> {
        @Override
        public RotationParametrization convert(String value) {
            if (value.equals(ANNOTATED)) {
                return null;
            }
            try {
                return RotationParametrization.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be " + ANNOTATED + ", exponential or trivialized, got '"
                        + value + "'");
            }
        }
    }
}
