package org.rotograd4j.checkpoint;

import jakarta.annotation.Nullable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named numbers that a part of the training keeps from one step to the next (reference values, counters,
 * running averages), as a checkpoint stores them.
 *
 * <p>Every value is an array of doubles; counters are stored as whole doubles, which are exact up to
 * 2<sup>53</sup>. The typed getters check what they read and throw {@link IllegalArgumentException}
 * naming the entry, so that a component can validate a whole state before it changes anything.
 */
public final class SavedState {

    /** A state with no entries. */
    public static final SavedState EMPTY = new SavedState(new TreeMap<>());

    private final Map<String, double[]> values;

    private SavedState(Map<String, double[]> values) {
        this.values = values;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder without entries
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a state holding a copy of {@code values}.
     *
     * @param values the entries by name
     * @return the state
     */
    public static SavedState of(Map<String, double[]> values) {
        Builder builder = builder();
        values.forEach(builder::put);
        return builder.build();
    }

    /**
     * Returns the entries' names.
     *
     * @return an unmodifiable view, sorted; empty for {@link #EMPTY}
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Returns whether the state has no entries.
     *
     * @return {@code true} when there are none, as in {@link #EMPTY}
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Returns whether the state has an entry of that name.
     *
     * @param name the entry
     * @return {@code true} when it is present, whatever its length
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * Returns a copy of every entry, by name.
     *
     * @return the entries, sorted by name
     */
    public Map<String, double[]> asMap() {
        Map<String, double[]> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(name, value.clone()));
        return copy;
    }

    /**
     * Returns an entry that must be present and hold {@code length} finite-or-not numbers.
     *
     * @param name the entry
     * @param length the number of values expected
     * @return a copy of the values
     * @throws IllegalArgumentException when the entry is missing or has another length
     */
    public double[] doubles(String name, int length) {
        double[] value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the saved state has no entry '" + name + "'");
        }
        if (value.length != length) {
            throw new IllegalArgumentException("the saved entry '" + name + "' has " + value.length
                    + " values, expected " + length);
        }
        return value.clone();
    }

    /**
     * Returns an entry that may be absent.
     *
     * @param name the entry
     * @param length the number of values expected when present
     * @return a copy of the values, or {@code null} when the entry is absent
     * @throws IllegalArgumentException when the entry is present with another length
     */
    public @Nullable double[] optionalDoubles(String name, int length) {
        return has(name) ? doubles(name, length) : null;
    }

    /**
     * Returns a single number.
     *
     * @param name the entry
     * @return its value, finite or not
     * @throws IllegalArgumentException when the entry is missing or does not hold exactly one value
     */
    public double number(String name) {
        return doubles(name, 1)[0];
    }

    /**
     * Returns a counter: a whole number from 0 to {@link Integer#MAX_VALUE}.
     *
     * @param name the entry
     * @return its value
     * @throws IllegalArgumentException when the entry is missing or is not such a number
     */
    public int count(String name) {
        double value = number(name);
        if (!(value >= 0 && value <= Integer.MAX_VALUE && value == Math.rint(value))) {
            throw new IllegalArgumentException("the saved entry '" + name + "' must be a whole number >= 0, got "
                    + value);
        }
        return (int) value;
    }

    /**
     * Checks that the state has no entries besides {@code known}.
     *
     * @param known the names a component reads
     * @throws IllegalArgumentException naming the first unknown entry
     */
    public void requireOnly(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("the saved state has an unknown entry '" + name + "'; known: "
                        + new TreeSet<>(known));
            }
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (!(other instanceof SavedState that) || !values.keySet().equals(that.values.keySet())) {
            return false;
        }
        return values.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.values.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        values.forEach((name, value) -> text.append(text.length() > 1 ? ", " : "").append(name).append('=')
                .append(Arrays.toString(value)));
        return text.append('}').toString();
    }

    /** Builds a {@link SavedState}. */
    public static final class Builder {
        private final Map<String, double[]> values = new TreeMap<>();

        private Builder() {}

        /**
         * Adds an entry.
         *
         * @param name its name
         * @param value its values (copied)
         * @return this builder
         */
        public Builder put(String name, double... value) {
            values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name).clone());
            return this;
        }

        /**
         * Adds an entry unless {@code value} is {@code null}.
         *
         * @param name its name
         * @param value its values (copied), or {@code null} to leave it out
         * @return this builder
         */
        public Builder putIfPresent(String name, @Nullable double[] value) {
            return value == null ? this : put(name, value);
        }

        /**
         * Builds the state.
         *
         * @return a new state holding the entries put so far; the builder can go on
         */
        public SavedState build() {
            return new SavedState(new TreeMap<>(values));
        }
    }
}
