package org.rotograd4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a factory of many similar task heads (CelebA's 40 attributes, for example): a non-private,
 * non-static method with one {@code int} parameter, the task's index, returning an {@code ai.djl.nn.Block}.
 * Give the tasks' names, or a count for tasks named {@code prefix0, prefix1, ...}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface TaskHeads {

    /**
     * The tasks' names, in index order.
     *
     * @return one unique name per task; empty (the default) to use {@link #count()}
     */
    String[] names() default {};

    /**
     * The number of tasks when {@link #names()} is empty; they are named {@link #prefix()} + index.
     *
     * @return the task count; positive when {@link #names()} is empty, otherwise 0 (the default)
     */
    int count() default 0;

    /**
     * The name prefix of counted tasks.
     *
     * @return the prefix; {@code "task"} by default
     */
    String prefix() default "task";

    /**
     * The loss of every task of the family.
     *
     * @return the loss; {@link TaskLoss#CUSTOM} to name a method with {@link #lossMethod()}
     */
    TaskLoss loss();

    /**
     * With {@link TaskLoss#CUSTOM}: a method of the model without parameters returning the loss.
     *
     * @return the method's name; empty (the default) with the other losses
     */
    String lossMethod() default "";

    /**
     * A constant factor on every task's loss.
     *
     * @return the factor; positive, 1 by default
     */
    double weight() default 1.0;

    /**
     * Metrics reported for every task besides its loss.
     *
     * @return the metrics, in report order; none by default
     */
    TaskMetric[] metrics() default {};
}
