package org.rotograd4j.method;

import java.util.List;
import java.util.Locale;

/** Finds a {@link MultiTaskMethod} by name, for command lines and configuration files. */
public final class Methods {

    /**
     * The names {@link #parse} accepts. A parameter may follow a colon: GradNorm's alpha ({@code gradnorm:1.5},
     * default 1.5), CAGrad's c (default 0.4), DWA's temperature (default 2), the seed of PCGrad, GradDrop and RLW
     * (default 0), FAMO's learning rate (default 0.025).
     */
    public static final List<String> NAMES = List.of("vanilla", "rotate-only", "rotograd", "rotogradnorm", "gradnorm",
            "pcgrad", "mgda", "imtl-g", "imtl-g+r", "graddrop", "uw", "dwa", "rlw", "cagrad", "aligned-mtl", "famo",
            "nash-mtl");

    private Methods() {}

    /**
     * Creates a method from its name, ignoring case, with an optional parameter after a colon.
     *
     * @param spec for example {@code rotograd} or {@code cagrad:0.5}
     * @return a new method instance
     * @throws IllegalArgumentException naming the accepted names
     */
    public static MultiTaskMethod parse(String spec) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
        String name = parts[0];
        String parameter = parts.length > 1 ? parts[1] : null;
        MultiTaskMethod method = switch (name) {
            case "vanilla" -> new Vanilla();
            case "rotate-only", "rotateonly" -> new RotateOnly();
            case "rotograd" -> new RotoGrad();
            case "rotogradnorm" -> new RotoGradNorm(number(parameter, 1.5, spec));
            case "gradnorm" -> new GradNorm(number(parameter, 1.5, spec));
            case "pcgrad" -> new PCGrad((long) number(parameter, 0, spec));
            case "mgda" -> new Mgda();
            case "imtl-g" -> new ImtlG();
            case "imtl-g+r", "imtl-g+rk" -> ImtlG.withRotations();
            case "graddrop" -> new GradDrop((long) number(parameter, 0, spec));
            case "uw" -> new UncertaintyWeighting();
            case "dwa" -> new DynamicWeightAverage(number(parameter, 2, spec), 1);
            case "rlw" -> new RandomLossWeighting((long) number(parameter, 0, spec));
            case "cagrad" -> new CaGrad(number(parameter, 0.4, spec));
            case "aligned-mtl" -> new AlignedMtl();
            case "famo" -> new Famo(number(parameter, 0.025, spec), 1e-3);
            case "nash-mtl" -> new NashMtl();
            default -> throw new IllegalArgumentException("unknown method '" + spec + "'; known: " + NAMES);
        };
        if (parameter != null && List.of("vanilla", "rotate-only", "rotateonly", "rotograd", "mgda", "imtl-g",
                "imtl-g+r", "imtl-g+rk", "uw", "aligned-mtl", "nash-mtl").contains(name)) {
            throw new IllegalArgumentException("method '" + name + "' takes no parameter, got '" + spec + "'");
        }
        return method;
    }

    /**
     * Returns {@link #NAMES} as a stream (for parameterized tests and help texts).
     *
     * @return the accepted names, in the order of {@link #NAMES}
     */
    public static java.util.stream.Stream<String> names() {
        return NAMES.stream();
    }

    private static double number(String parameter, double fallback, String spec) {
        if (parameter == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(parameter);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the parameter in '" + spec + "' is not a number", e);
        }
    }
}
