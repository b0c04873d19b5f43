package org.rotograd4j.method;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The registry of methods: every {@link MethodDescriptor} of this package, and their parsing from
 * specifications such as {@code cagrad:0.5}, for command lines and configuration files.
 *
 * <p>A specification is a method's name, ignoring case, followed by {@code :value} for its leading
 * hyperparameters; the ones left out take their defaults. Its canonical form, the method's {@link
 * MultiTaskMethod#id() id}, gives every hyperparameter: {@code parse("cagrad")} has the id {@code cagrad:0.4},
 * and {@code parse(method.id())} makes a method with the same id.
 *
 * <p>The methods are those of every {@link MethodRegistration} on the class path, found through {@link
 * ServiceLoader} when this class is first used: a new method is one class with a {@code DESCRIPTOR} and a
 * nested registration.
 */
public final class Methods {

    private static final List<MethodDescriptor> ALL = byName(ServiceLoader.load(MethodRegistration.class,
            Methods.class.getClassLoader()));

    private Methods() {}

    /**
     * Returns every method's descriptor.
     *
     * @return an unmodifiable list, ordered by name, as help texts and the README's table show them
     */
    public static List<MethodDescriptor> all() {
        return ALL;
    }

    /**
     * Returns the registrations' descriptors ordered by name (package-private for tests).
     *
     * @throws IllegalStateException naming both registrations when two descriptors share a name
     */
    static List<MethodDescriptor> byName(Iterable<? extends MethodRegistration> registrations) {
        Map<String, MethodDescriptor> byName = new TreeMap<>();
        Map<String, String> registeredBy = new HashMap<>();
        for (MethodRegistration registration : registrations) {
            for (MethodDescriptor descriptor : registration.descriptors()) {
                String source = registration.getClass().getName();
                String earlier = registeredBy.putIfAbsent(descriptor.name(), source);
                if (earlier != null) {
                    throw new IllegalStateException("two methods are named '" + descriptor.name() + "': one from "
                            + earlier + ", one from " + source);
                }
                byName.put(descriptor.name(), descriptor);
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * Finds a method's descriptor by name.
     *
     * @param name a descriptor's {@link MethodDescriptor#name()}, ignoring case and surrounding blanks
     * @return the descriptor
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static MethodDescriptor descriptor(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(d -> d.name().equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown method '" + name.trim() + "'; known: "
                        + ALL.stream().map(MethodDescriptor::name).collect(Collectors.joining(", "))));
    }

    /**
     * Creates a method from a specification.
     *
     * @param spec a name with optional hyperparameters, such as {@code rotograd}, {@code cagrad:0.5} or an id
     * @return a new method instance
     * @throws IllegalArgumentException starting with the specification in quotes and naming what is wrong: an
     *     unknown name (with the known ones), a value that is not a number or out of range, or more values than
     *     the method has hyperparameters
     */
    public static MultiTaskMethod parse(String spec) {
        try {
            String[] parts = spec.split(":", -1);
            MethodDescriptor descriptor = descriptor(parts[0]);
            List<Hyperparameter> hyperparameters = descriptor.hyperparameters();
            descriptor.requireAtMost(parts.length - 1);
            double[] values = new double[parts.length - 1];
            for (int i = 0; i < values.length; i++) {
                try {
                    values[i] = hyperparameters.get(i).parse(parts[i + 1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(descriptor.displayName() + "'s "
                            + hyperparameters.get(i).name() + " " + e.getMessage(), e);
                }
            }
            return descriptor.create(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + spec + "': " + e.getMessage(), e);
        }
    }

    /**
     * Returns the methods for a help text: one line each, with the specification syntax, the name, what the
     * method does, its paper and its hyperparameters.
     *
     * @return for example {@code cagrad[:c]  CAGrad: conflict-averse direction near the mean (Liu et al. 2021);
     *     c >= 0, default 0.4}, one line per method in the order of {@link #all()}
     */
    public static String help() {
        int width = ALL.stream().mapToInt(d -> d.usage().length()).max().orElse(0);
        return ALL.stream().map(d -> String.format(Locale.ROOT, "%-" + width + "s  %s: %s%s%s", d.usage(),
                d.displayName(), d.summary(), d.paper().isEmpty() ? "" : " (" + d.paper() + ")",
                d.hyperparameters().stream().map(h -> "; " + h.name() + " " + h.range() + ", default "
                        + h.format(h.defaultValue()) + ": " + h.meaning()).collect(Collectors.joining())))
                .collect(Collectors.joining("\n"));
    }
}
