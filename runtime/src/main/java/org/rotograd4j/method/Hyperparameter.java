package org.rotograd4j.method;

import java.math.BigDecimal;

/**
 * One hyperparameter of a method: its name, what it means, its default and the values it may take. It owns the
 * text form of its values in method ids ({@link #parse}, {@link #format}).
 *
 * @param name the name used in help texts and error messages, such as {@code c}
 * @param meaning what the value controls, one short phrase
 * @param defaultValue the value used when a method specification leaves it out
 * @param minimum the smallest accepted value
 * @param minimumIncluded whether {@code minimum} itself is accepted
 * @param maximum the largest accepted value (included); {@link Double#POSITIVE_INFINITY} for no bound, though
 *     a value must always be finite
 * @param integer whether only whole numbers are accepted
 */
public record Hyperparameter(String name, String meaning, double defaultValue, double minimum, boolean minimumIncluded,
        double maximum, boolean integer) {

    /** The largest seed: every whole number up to it is exact in a {@code double}. */
    public static final long LARGEST_SEED = (1L << 53) - 1;

    /**
     * Checks that the default is accepted.
     *
     * @param name the name used in help texts and error messages
     * @param meaning what the value controls
     * @param defaultValue the value used when a method specification leaves it out
     * @param minimum the smallest accepted value
     * @param minimumIncluded whether {@code minimum} itself is accepted
     * @param maximum the largest accepted value (included)
     * @param integer whether only whole numbers are accepted
     * @throws IllegalArgumentException when the default is not accepted
     */
    public Hyperparameter {
        if (!accepts(defaultValue, minimum, minimumIncluded, maximum, integer)) {
            throw new IllegalArgumentException("the default " + defaultValue + " of hyperparameter '" + name
                    + "' is outside its range (" + describeRange(minimum, minimumIncluded, maximum, integer) + ")");
        }
    }

    /**
     * A real hyperparameter with a lower bound.
     *
     * @param name its name
     * @param meaning what it controls
     * @param defaultValue its default
     * @param minimum the smallest accepted value, included
     * @return the hyperparameter, accepting every finite value {@code >= minimum}
     */
    public static Hyperparameter atLeast(String name, String meaning, double defaultValue, double minimum) {
        return new Hyperparameter(name, meaning, defaultValue, minimum, true, Double.POSITIVE_INFINITY, false);
    }

    /**
     * A real hyperparameter that must be positive.
     *
     * @param name its name
     * @param meaning what it controls
     * @param defaultValue its default
     * @return the hyperparameter, accepting every finite value {@code > 0}
     */
    public static Hyperparameter positive(String name, String meaning, double defaultValue) {
        return new Hyperparameter(name, meaning, defaultValue, 0, false, Double.POSITIVE_INFINITY, false);
    }

    /**
     * A positive whole number.
     *
     * @param name its name
     * @param meaning what it counts
     * @param defaultValue its default
     * @return the hyperparameter, accepting the integers from 1 to {@link Integer#MAX_VALUE}
     */
    public static Hyperparameter count(String name, String meaning, int defaultValue) {
        return new Hyperparameter(name, meaning, defaultValue, 1, true, Integer.MAX_VALUE, true);
    }

    /**
     * The seed of a method's random draws, named {@code seed}, default 0.
     *
     * @param meaning what the seed draws
     * @return the hyperparameter, accepting the integers from 0 to {@link #LARGEST_SEED}
     */
    public static Hyperparameter seed(String meaning) {
        return new Hyperparameter("seed", meaning, 0, 0, true, LARGEST_SEED, true);
    }

    /**
     * Returns whether a value is accepted.
     *
     * @param value the value
     * @return {@code true} when it is finite, in range, and whole if the hyperparameter is an integer
     */
    public boolean accepts(double value) {
        return accepts(value, minimum, minimumIncluded, maximum, integer);
    }

    /**
     * Returns the accepted values in words.
     *
     * @return for example {@code >= 0}, {@code > 0} or {@code an integer from 0 to 9007199254740991}
     */
    public String range() {
        return describeRange(minimum, minimumIncluded, maximum, integer);
    }

    /**
     * Reads a value written as a decimal number, such as {@code 0.4}, {@code 1e-3} or {@code 7}.
     *
     * @param text the value's text
     * @return the value; its range is not checked
     * @throws IllegalArgumentException when the text is not a decimal number, or not a whole one for an
     *     integer hyperparameter
     */
    public double parse(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number, got '" + text + "'", e);
        }
        if (integer && value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be an integer, got '" + text + "'");
        }
        return value.doubleValue();
    }

    /**
     * Writes a value in the canonical form of method ids: the shortest decimal that reads back as the same
     * {@code double}, without exponent or trailing zeros ({@code 0.4}, {@code 2}, {@code 0.001}).
     *
     * @param value the value
     * @return its text, which {@link #parse} reads back exactly; for NaN and infinities, which no hyperparameter
     *     accepts, {@link Double#toString(double)}'s text
     */
    public String format(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    private static boolean accepts(double value, double minimum, boolean minimumIncluded, double maximum,
            boolean integer) {
        boolean aboveMinimum = minimumIncluded ? value >= minimum : value > minimum;
        return Double.isFinite(value) && aboveMinimum && value <= maximum && (!integer || value == Math.rint(value));
    }

    private static String describeRange(double minimum, boolean minimumIncluded, double maximum, boolean integer) {
        BigDecimal low = BigDecimal.valueOf(minimum).stripTrailingZeros();
        if (integer) {
            return "an integer from " + low.toPlainString() + " to "
                    + BigDecimal.valueOf(maximum).stripTrailingZeros().toPlainString();
        }
        String lower = (minimumIncluded ? ">= " : "> ") + low.toPlainString();
        return maximum == Double.POSITIVE_INFINITY ? lower
                : lower + " and <= " + BigDecimal.valueOf(maximum).stripTrailingZeros().toPlainString();
    }
}
