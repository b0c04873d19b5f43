package org.rotograd4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the shared backbone of a multi-task model: a non-private, non-static field of type {@code
 * ai.djl.nn.Block} (or a subtype), or a non-private, non-static method without parameters returning one.
 * Its output is the shared feature z; exactly one member of the model carries this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface SharedBackbone {

    /**
     * The size of axis 1 of the shared feature (features of {@code [B, d]}, channels of {@code [B, C, H,
     * W]}) when it is known at compile time, so that {@link Rotate#dims()} can be checked.
     *
     * @return the feature size; 0 (the default) when unknown
     */
    int featureSize() default 0;
}
