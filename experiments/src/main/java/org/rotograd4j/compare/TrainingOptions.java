package org.rotograd4j.compare;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.method.Methods;
import org.rotograd4j.train.GradientSpace;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;

/**
 * The command-line options every sample takes, {@code --name value}: data folder, methods, epochs, batch
 * size, learning rates, rotation size, seeds, device and output folder, plus the sample's own options.
 */
public final class TrainingOptions {

    private final Map<String, String> values;

    private TrainingOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args} over the defaults. Every option must have a default (the sample's own included),
     * so that misspelled options are errors.
     *
     * @param args the command line
     * @param defaults the value of every option when not given
     * @return the options
     * @throws IllegalArgumentException naming the option at fault, with the usage
     */
    public static TrainingOptions parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(standardDefaults());
        values.putAll(defaults);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'\n" + usage(values));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + usage(values));
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new TrainingOptions(values);
    }

    private static Map<String, String> standardDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("data", "data");
        defaults.put("methods", "vanilla,rotograd");
        defaults.put("epochs", "10");
        defaults.put("batch-size", "128");
        defaults.put("lr", "1e-3");
        defaults.put("rotation-lr", "5e-4");
        defaults.put("rotation-size", "annotated");
        defaults.put("rotation-parametrization", "annotated");
        defaults.put("rotation-blocks", "annotated");
        defaults.put("seeds", "1");
        defaults.put("device", "auto");
        defaults.put("gradient-space", "feature");
        defaults.put("output", "target/results");
        return defaults;
    }

    /**
     * Returns the usage text: every option with its default, then the methods {@code --methods} accepts.
     *
     * @param values every option's value, by name without the leading {@code --}, in display order
     * @return a header line, then one line {@code --name (value)} per option, then {@link Methods#help()}
     */
    public static String usage(Map<String, String> values) {
        StringBuilder text = new StringBuilder("options (default):");
        values.forEach((name, value) -> text.append("\n  --").append(name).append(" (").append(value).append(')'));
        text.append("\nmethods (--methods a,b,...; hyperparameters after colons, such as cagrad:0.5):");
        Methods.help().lines().forEach(line -> text.append("\n  ").append(line));
        return text.toString();
    }

    /**
     * Returns an option's text.
     *
     * @param name the option, without the leading {@code --}
     * @return the value given on the command line, else the default
     * @throws IllegalArgumentException when there is no such option
     */
    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no option --" + name);
        }
        return value;
    }

    /**
     * Returns an integer option.
     *
     * @param name the option, without the leading {@code --}
     * @return its value
     * @throws IllegalArgumentException when there is no such option or its value is not an integer
     */
    public int integer(String name) {
        try {
            return Integer.parseInt(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + text(name) + "'", e);
        }
    }

    /**
     * Returns a number option.
     *
     * @param name the option, without the leading {@code --}
     * @return its value, as {@link Double#parseDouble} reads it
     * @throws IllegalArgumentException when there is no such option or its value is not a number
     */
    public double number(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + text(name) + "'", e);
        }
    }

    /**
     * Returns a comma-separated option as a list.
     *
     * @param name the option, without the leading {@code --}
     * @return the items, trimmed, empty ones left out; unmodifiable
     * @throws IllegalArgumentException when there is no such option
     */
    public List<String> list(String name) {
        return Arrays.stream(text(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Returns a path option.
     *
     * @param name the option, without the leading {@code --}
     * @return its value as a path, relative to the working directory unless absolute
     * @throws IllegalArgumentException when there is no such option
     */
    public Path path(String name) {
        return Path.of(text(name));
    }

    /**
     * Returns the data folder.
     *
     * @return {@code --data}; default {@code data}
     */
    public Path data() {
        return path("data");
    }

    /**
     * Returns the output folder.
     *
     * @return {@code --output}; default {@code target/results}
     */
    public Path output() {
        return path("output");
    }

    /**
     * Returns the methods to run, as {@link org.rotograd4j.method.Methods#parse} names.
     *
     * @return {@code --methods}, in the given order; default {@code vanilla} and {@code rotograd}
     */
    public List<String> methods() {
        return list("methods");
    }

    /**
     * Returns the seeds to run.
     *
     * @return {@code --seeds}, in the given order; default the single seed 1
     * @throws NumberFormatException when a seed is not an integer
     */
    public List<Integer> seeds() {
        return list("seeds").stream().map(Integer::parseInt).toList();
    }

    /**
     * Returns where methods combine the task gradients: {@code feature} or {@code parameters}.
     *
     * @return {@code --gradient-space}; default {@link GradientSpace#FEATURE}
     * @throws IllegalArgumentException when the value is neither
     */
    public GradientSpace gradientSpace() {
        return switch (text("gradient-space")) {
            case "feature" -> GradientSpace.FEATURE;
            case "parameters" -> GradientSpace.PARAMETERS;
            default -> throw new IllegalArgumentException("--gradient-space must be feature or parameters, got '"
                    + text("gradient-space") + "'");
        };
    }

    /**
     * Returns the rotation size.
     *
     * @return {@code --rotation-size}, or -1 for {@code annotated} (the default): keep the model's own
     * @throws IllegalArgumentException when the value is neither {@code annotated} nor an integer
     */
    public int rotationSize() {
        return text("rotation-size").equals("annotated") ? -1 : integer("rotation-size");
    }

    /**
     * Applies {@code --rotation-parametrization} and {@code --rotation-blocks} to a model builder, each unless
     * it is {@code annotated} (the default: keep the model's own). The rotation size is the sample's to apply.
     *
     * @param builder the model's builder
     * @return the builder
     * @throws IllegalArgumentException when an option is neither {@code annotated} nor a valid value
     */
    public MultiTaskModel.Builder applyRotationChoices(MultiTaskModel.Builder builder) {
        String parametrization = text("rotation-parametrization");
        if (!parametrization.equals("annotated")) {
            try {
                builder.optRotationParametrization(RotationParametrization.valueOf(parametrization.toUpperCase(
                        java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--rotation-parametrization must be annotated, exponential or "
                        + "trivialized, got '" + parametrization + "'", e);
            }
        }
        if (!text("rotation-blocks").equals("annotated")) {
            builder.optRotationBlocks(integer("rotation-blocks"));
        }
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
                .optEpochs(integer("epochs"))
                .optBatchSize(integer("batch-size"))
                .optNetworkLearningRate(number("lr"))
                .optRotationLearningRate(number("rotation-lr"))
                .optGradientSpace(gradientSpace())
                .optSeed(seed);
    }

    /**
     * Returns the device to train on.
     *
     * @return {@code --device}: auto, cpu, gpu or gpuN, resolved
     */
    public Device device() {
        return org.rotograd4j.Devices.resolve(text("device"));
    }
}
