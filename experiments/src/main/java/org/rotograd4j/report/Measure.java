package org.rotograd4j.report;

import java.util.Objects;

/**
 * A test measure of a task, with the direction in which it improves: declared where the task's measures
 * are, so that the relative improvement {@code Δ_k} (paper Eq. 6) gets its sign from the declaration rather
 * than from the measure's name.
 *
 * @param name the measure's name, as the training reports it (for example {@code left_accuracy})
 * @param direction whether higher or lower values are better
 */
public record Measure(String name, Direction direction) {

    /** Whether a measure improves upwards (accuracy, F1, IoU) or downwards (errors, losses, angles). */
    public enum Direction {
        /** Higher values are better: {@code l_k = 0} in Eq. 6. */
        HIGHER_IS_BETTER,
        /** Lower values are better: {@code l_k = 1} in Eq. 6. */
        LOWER_IS_BETTER
    }

    /**
     * Checks the components.
     *
     * @param name the measure's name, not blank
     * @param direction the direction in which it improves
     * @throws IllegalArgumentException when the name is blank
     */
    public Measure {
        Objects.requireNonNull(direction, "direction of measure '" + name + "'");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a measure needs a name, got '" + name + "'");
        }
    }

    /**
     * Returns a measure for which higher is better.
     *
     * @param name the measure's name, such as {@code left_accuracy}
     * @return the measure
     */
    public static Measure higherIsBetter(String name) {
        return new Measure(name, Direction.HIGHER_IS_BETTER);
    }

    /**
     * Returns a measure for which lower is better.
     *
     * @param name the measure's name, such as {@code depth_abs_error}
     * @return the measure
     */
    public static Measure lowerIsBetter(String name) {
        return new Measure(name, Direction.LOWER_IS_BETTER);
    }

    /**
     * Returns the relative improvement of paper Eq. 6, {@code Δ = 100 · (−1)^{l} · (M − S) / S}, of a value
     * {@code M} over a single-task baseline's {@code S}, where {@code l = 1} when lower is better: positive
     * means {@code M} is better.
     *
     * @param value the multi-task model's value M
     * @param baseline the single-task model's value S
     * @return the improvement in percent; NaN when the baseline is 0 or a value is missing (NaN)
     */
    public double improvement(double value, double baseline) {
        if (baseline == 0 || Double.isNaN(value) || Double.isNaN(baseline)) {
            return Double.NaN;
        }
        double delta = 100 * (value - baseline) / baseline;
        return direction == Direction.LOWER_IS_BETTER ? -delta : delta;
    }
}
