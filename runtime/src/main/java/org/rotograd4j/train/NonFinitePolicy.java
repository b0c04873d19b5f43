package org.rotograd4j.train;

/** What a training step does when a loss or gradient is NaN or infinite. */
public enum NonFinitePolicy {
    /** Throw {@link NonFiniteValueException}, naming the task and step. */
    FAIL,
    /** Leave everything as it was, count the step as skipped and go on. */
    SKIP
}
