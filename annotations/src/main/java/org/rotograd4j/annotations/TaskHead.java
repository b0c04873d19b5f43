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

    /**
     * The task's name, unique in the model.
     *
     * @return the name; empty (the default) for the member's name
     */
    String name() default "";

    /**
     * The task's loss.
     *
     * @return the loss; {@link TaskLoss#CUSTOM} to name a method with {@link #lossMethod()}
     */
    TaskLoss loss();

    /**
     * With {@link TaskLoss#CUSTOM}: the name of a non-private, non-static method of the model without
     * parameters that returns the task's {@code ai.djl.training.loss.Loss}.
     *
     * @return the method's name; empty (the default) with the other losses
     */
    String lossMethod() default "";

    /**
     * A constant factor on the task's loss.
     *
     * @return the factor; positive, 1 by default
     */
    double weight() default 1.0;

    /**
     * Metrics reported for the task besides its loss.
     *
     * @return the metrics, in report order; none by default
     */
    TaskMetric[] metrics() default {};
}
