package org.rotograd4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the head of one task: a non-private, non-static field of type {@code ai.djl.nn.Block}, or a
 * non-private, non-static method without parameters returning one. The head receives the (rotated) shared
 * feature and returns the task's prediction. Tasks are ordered as their members are declared.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface TaskHead {

    /** The task's name, unique in the model; the member's name when empty. */
    String name() default "";

    /** The task's loss. */
    TaskLoss loss();

    /**
     * With {@link TaskLoss#CUSTOM}: the name of a non-private, non-static method of the model without
     * parameters that returns the task's {@code ai.djl.training.loss.Loss}.
     */
    String lossMethod() default "";

    /** A constant factor on the task's loss; positive. */
    double weight() default 1.0;

    /** Metrics reported for the task besides its loss. */
    TaskMetric[] metrics() default {};
}
