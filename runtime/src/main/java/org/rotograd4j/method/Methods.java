package org.rotograd4j.method;

import java.util.List;
import java.util.Locale;

/** Finds a {@link MultiTaskMethod} by name, for command lines and configuration files. */
public final class Methods {

    /** The names {@link #parse} accepts; {@code rotogradnorm} takes GradNorm's alpha as {@code rotogradnorm:1.5}. */
    public static final List<String> NAMES = List.of("vanilla", "rotate-only", "rotograd", "rotogradnorm");

    private static final double DEFAULT_ALPHA = 1.0;

    private Methods() {}

    /**
     * Creates a method from its name, ignoring case, with an optional parameter after a colon.
     *
     * @param spec for example {@code rotograd} or {@code rotogradnorm:0.5}
     * @return a new method instance
     * @throws IllegalArgumentException naming the accepted names
     */
    public static MultiTaskMethod parse(String spec) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
        String name = parts[0];
        String parameter = parts.length > 1 ? parts[1] : null;
        if (parameter != null && !name.equals("rotogradnorm")) {
            throw new IllegalArgumentException("method '" + name + "' takes no parameter, got '" + spec + "'");
        }
        return switch (name) {
            case "vanilla" -> new Vanilla();
            case "rotate-only", "rotateonly" -> new RotateOnly();
            case "rotograd" -> new RotoGrad();
            case "rotogradnorm" -> new RotoGradNorm(parameter == null ? DEFAULT_ALPHA : parseAlpha(parameter, spec));
            default -> throw new IllegalArgumentException("unknown method '" + spec + "'; known: " + NAMES);
        };
    }

    private static double parseAlpha(String parameter, String spec) {
        try {
            return Double.parseDouble(parameter);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GradNorm's alpha in '" + spec + "' is not a number", e);
        }
    }
}
