package org.rotograd4j.train;

import ai.djl.TrainingDivergedException;

/**
 * A loss or gradient was NaN or infinite. The step that found it changed no parameter, rotation or
 * optimizer state.
 */
public final class NonFiniteValueException extends TrainingDivergedException {

    private static final long serialVersionUID = 1L;

    private final int step;
    private final String task;
    private final String quantity;

    NonFiniteValueException(int step, String task, String quantity, double value) {
        super("step " + step + ": " + quantity + (task == null ? "" : " of task '" + task + "'") + " is " + value
                + "; no parameter, rotation or optimizer state was changed");
        this.step = step;
        this.task = task;
        this.quantity = quantity;
    }

    /** Returns the 0-based index of the step. */
    public int step() {
        return step;
    }

    /** Returns the task at fault, or {@code null} when the value is not a single task's. */
    public String task() {
        return task;
    }

    /** Returns what was not finite, such as "loss" or "gradient w.r.t. the shared feature". */
    public String quantity() {
        return quantity;
    }
}
