package org.rotograd4j.method;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rotograd4j.train.GradientSpace;

/**
 * What a method is, apart from any instance: its name in ids and on command lines, the name its paper
 * writes, its hyperparameters, the gradient space of its paper, whether it rotates, and how to make one. Each
 * method class declares its descriptor in a {@code DESCRIPTOR} constant, and {@link Methods} lists them.
 *
 * <p>A method's id is its {@link #name()} followed by {@code :value} for every hyperparameter, in the declared
 * order and in {@link Hyperparameter#format canonical form}: {@code cagrad:0.4}, {@code famo:0.025:0.001},
 * {@code rotograd}.
 */
public final class MethodDescriptor {

    /** Makes a method from a full list of valid hyperparameter values. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Makes a method.
         *
         * @param hyperparameters one value per hyperparameter, in the declared order, already checked
         * @return a new method instance
         */
        MultiTaskMethod create(double[] hyperparameters);
    }

    private final String name;
    private final String displayName;
    private final String summary;
    private final String paper;
    private final @Nullable GradientSpace paperSpace;
    private final boolean rotates;
    private final String cost;
    private final List<Hyperparameter> hyperparameters;
    private final Factory factory;

    private MethodDescriptor(Builder builder) {
        this.name = builder.name;
        this.displayName = builder.displayName;
        this.summary = Objects.requireNonNull(builder.summary, "summary");
        this.paper = builder.paper;
        this.paperSpace = builder.paperSpace;
        this.rotates = builder.rotates;
        this.cost = Objects.requireNonNull(builder.cost, "cost");
        this.hyperparameters = List.copyOf(builder.hyperparameters);
        this.factory = Objects.requireNonNull(builder.factory, "factory");
    }

    /**
     * Starts a descriptor.
     *
     * @param name the name in ids and on command lines: lower case, without {@code :} or {@code ,}
     * @param displayName the method's name as its paper writes it, such as {@code CAGrad}
     * @return a builder
     * @throws IllegalArgumentException when {@code name} is not lower case or contains {@code :} or {@code ,}
     */
    public static Builder builder(String name, String displayName) {
        return new Builder(name, displayName);
    }

    /**
     * Returns the name in ids and on command lines.
     *
     * @return for example {@code cagrad}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the method's name as its paper writes it; checkpoints and tables of one setting show it.
     *
     * @return for example {@code CAGrad} or {@code IMTL-G+R_k}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Returns what the method does, in one phrase.
     *
     * @return for example {@code conflict-averse direction near the mean}
     */
    public String summary() {
        return summary;
    }

    /**
     * Returns the paper that introduced the method.
     *
     * @return authors and year, such as {@code Liu et al. 2021}; empty for the plain sum
     */
    public String paper() {
        return paper;
    }

    /**
     * Returns where the method's paper combines the task gradients.
     *
     * @return the space; empty for methods that weight the task losses, which is the same in either space
     */
    public Optional<GradientSpace> paperSpace() {
        return Optional.ofNullable(paperSpace);
    }

    /**
     * Returns whether the task rotations learn under this method.
     *
     * @return {@code true} when the model needs rotations and the trainer a rotation optimizer
     */
    public boolean rotates() {
        return rotates;
    }

    /**
     * Returns the cost of one step beyond the task gradients, with K tasks, d the size of the combined gradient
     * and m the rotation size.
     *
     * @return for example {@code O(K²·d)}
     */
    public String cost() {
        return cost;
    }

    /**
     * Returns the hyperparameters, in the order of ids.
     *
     * @return an unmodifiable list; empty for methods without any
     */
    public List<Hyperparameter> hyperparameters() {
        return hyperparameters;
    }

    /**
     * Returns the specification syntax, with the hyperparameters that may be left out in brackets.
     *
     * @return for example {@code cagrad[:c]}, {@code famo[:lr[:decay]]} or {@code rotograd}
     */
    public String usage() {
        StringBuilder text = new StringBuilder(name);
        hyperparameters.forEach(h -> text.append("[:").append(h.name()));
        return text.append("]".repeat(hyperparameters.size())).toString();
    }

    /**
     * Checks hyperparameter values and makes a method.
     *
     * @param values the leading hyperparameters, in the declared order; the ones left out take their defaults
     * @return a new method instance
     * @throws IllegalArgumentException naming the hyperparameter at fault, when there are more values than
     *     hyperparameters or a value is out of range
     */
    public MultiTaskMethod create(double... values) {
        requireAtMost(values.length);
        double[] full = new double[hyperparameters.size()];
        for (int i = 0; i < full.length; i++) {
            full[i] = i < values.length ? values[i] : hyperparameters.get(i).defaultValue();
        }
        return factory.create(check(full));
    }

    /** Throws when {@code count} values are more than the hyperparameters. */
    void requireAtMost(int count) {
        if (count > hyperparameters.size()) {
            throw new IllegalArgumentException(hyperparameters.isEmpty()
                    ? displayName + " takes no hyperparameters, got " + count
                    : displayName + " takes at most " + hyperparameters.size() + " hyperparameters ("
                            + hyperparameters.stream().map(Hyperparameter::name).collect(Collectors.joining(", "))
                            + "), got " + count);
        }
    }

    /**
     * Checks a full list of hyperparameter values, as method constructors do.
     *
     * @param values one value per hyperparameter, in the declared order
     * @return {@code values}
     * @throws IllegalArgumentException naming the hyperparameter at fault, when the count is wrong or a value is
     *     out of range
     */
    public double[] check(double... values) {
        if (values.length != hyperparameters.size()) {
            throw new IllegalArgumentException(displayName + " takes " + hyperparameters.size()
                    + " hyperparameters, got " + values.length + ": " + Arrays.toString(values));
        }
        for (int i = 0; i < values.length; i++) {
            Hyperparameter hyperparameter = hyperparameters.get(i);
            if (!hyperparameter.accepts(values[i])) {
                throw new IllegalArgumentException(displayName + "'s " + hyperparameter.name() + " must be "
                        + hyperparameter.range() + ", got " + hyperparameter.format(values[i]));
            }
        }
        return values;
    }

    /**
     * Returns the id of this method with the given hyperparameters.
     *
     * @param values one value per hyperparameter, in the declared order
     * @return the canonical id, such as {@code cagrad:0.4}
     * @throws IllegalArgumentException when the values do not pass {@link #check}
     */
    String id(double... values) {
        check(values);
        StringBuilder id = new StringBuilder(name);
        for (int i = 0; i < values.length; i++) {
            id.append(':').append(hyperparameters.get(i).format(values[i]));
        }
        return id.toString();
    }

    /**
     * Returns the name in ids.
     *
     * @return {@link #name()}
     */
    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link MethodDescriptor}; summary, cost and factory are required. */
    public static final class Builder {
        private final String name;
        private final String displayName;
        private String summary;
        private String paper = "";
        private GradientSpace paperSpace;
        private boolean rotates;
        private String cost;
        private final List<Hyperparameter> hyperparameters = new ArrayList<>();
        private Factory factory;

        private Builder(String name, String displayName) {
            if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isBlank() || name.contains(":")
                    || name.contains(",")) {
                throw new IllegalArgumentException("a method's name must be lower case, not blank and without "
                        + "':' or ',', got '" + name + "'");
            }
            this.name = name;
            this.displayName = Objects.requireNonNull(displayName, "displayName");
        }

        /**
         * Sets what the method does.
         *
         * @param summary one phrase, such as {@code conflict-averse direction near the mean}
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /**
         * Sets the paper that introduced the method, and where it combines the task gradients.
         *
         * @param paper authors and year, such as {@code Liu et al. 2021}
         * @param space the paper's gradient space, or {@code null} when the method weights the task losses
         * @return this builder
         */
        public Builder paper(String paper, @Nullable GradientSpace space) {
            this.paper = Objects.requireNonNull(paper, "paper");
            this.paperSpace = space;
            return this;
        }

        /**
         * Makes the task rotations learn under this method.
         *
         * @return this builder
         */
        public Builder rotates() {
            this.rotates = true;
            return this;
        }

        /**
         * Sets the cost of a step beyond the task gradients.
         *
         * @param cost in K (tasks), d (size of the combined gradient) and m (rotation size), such as {@code O(K·d)}
         * @return this builder
         */
        public Builder cost(String cost) {
            this.cost = cost;
            return this;
        }

        /**
         * Adds a hyperparameter, after the ones added before.
         *
         * @param hyperparameter the hyperparameter
         * @return this builder
         */
        public Builder hyperparameter(Hyperparameter hyperparameter) {
            hyperparameters.add(Objects.requireNonNull(hyperparameter, "hyperparameter"));
            return this;
        }

        /**
         * Sets how to make the method.
         *
         * @param factory makes an instance from checked hyperparameter values
         * @return this builder
         */
        public Builder factory(Factory factory) {
            this.factory = factory;
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         * @throws NullPointerException without summary, cost or factory
         */
        public MethodDescriptor build() {
            return new MethodDescriptor(this);
        }
    }
}
