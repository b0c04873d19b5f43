package org.rotograd4j.train;

import ai.djl.TrainingDivergedException;
import jakarta.annotation.Nullable;

/**
 * A loss or gradient was NaN or infinite. The step that found it changed no parameter, rotation or
 * optimizer state.
 */
public final class NonFiniteValueException extends TrainingDivergedException {

    private static final long serialVersionUID = 1L;

    /** The 0-based index of the step that found the value. */
    private final int step;
    /** The task at fault, or {@code null} when the value is not a single task's. */
    private final @Nullable String task;
    /** What was not finite. */
    private final String quantity;

    NonFiniteValueException(int step, @Nullable String task, String quantity, double value) {
        super("step " + step + ": " + quantity + (task == null ? "" : " of task '" + task + "'") + " is " + value
                + "; no parameter, rotation or optimizer state was changed");
        this.step = step;
        this.task = task;
        this.quantity = quantity;
    }

    /**
     * Returns the step that found the value.
     *
     * @return the 0-based index of the step, as {@link StepResult#step()} counts it
     */
    public int step() {
        return step;
    }

    /**
     * Returns the task at fault.
     *
     * @return the task's name, or {@code null} when the value is not a single task's (a parameter's
     *     gradient, the backbone loss)
     */
    public @Nullable String task() {
        return task;
    }

    /**
     * Returns what was not finite.
     *
     * @return a short description, such as "loss", "gradient w.r.t. the shared feature (norm)" or "gradient
     *     of parameter NAME"
     */
    public String quantity() {
        return quantity;
    }
}
