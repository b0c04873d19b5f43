package org.rotograd4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives each task a learned rotation of the first {@link #dims()} entries of the shared feature, as
 * RotoGrad does. Put it on the {@link SharedBackbone} member. Without it nothing is rotated and only
 * methods without rotations (Vanilla) apply.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Rotate {

    /**
     * How many leading entries of the rotated axis are rotated.
     *
     * @return the rotated dimensions r; positive, at most the feature size
     */
    int dims();

    /**
     * Which axis of the shared feature is rotated.
     *
     * @return the rotated axis; {@link Axis#FEATURES} by default
     */
    Axis axis() default Axis.FEATURES;

    /**
     * Where the rotations start.
     *
     * @return the starting rotations; {@link Start#RANDOM} by default
     */
    Start start() default Start.RANDOM;

    /**
     * The seed of random starting rotations.
     *
     * @return the seed; 0 by default, ignored with {@link Start#IDENTITY}
     */
    long seed() default 0;

    /**
     * Makes each rotation block-diagonal: this many independent rotations of {@code dims / blocks} consecutive
     * entries, which cost {@code K·dims·(dims/blocks)²} instead of {@code K·dims³}.
     *
     * @return the number of blocks, dividing {@link #dims()}; 1 (a full rotation) by default
     */
    int blocks() default 1;

    /**
     * How the rotations are computed and learned.
     *
     * @return {@link Parametrization#EXPONENTIAL} by default
     */
    Parametrization parametrization() default Parametrization.EXPONENTIAL;

    /** How the rotations are computed and learned (the runtime's {@code RotationParametrization}). */
    enum Parametrization {
        /** Through the matrix exponential at a fixed base, as the authors' library: the reference's numbers. */
        EXPONENTIAL,
        /** Dynamic trivialization: a moving base and no back-propagation through the exponential; fast for large dims. */
        TRIVIALIZED
    }

    /** The rotated axis of the shared feature; both are axis 1 in DJL's channels-first layout. */
    enum Axis {
        /** The features of a vector feature {@code [B, d]}. */
        FEATURES,
        /** The channels of a shaped feature {@code [B, C, H, W]}, with the same rotation at every position. */
        CHANNELS
    }

    /** Where the rotations start. */
    enum Start {
        /** Uniformly random rotations, as the authors' library does. */
        RANDOM,
        /** The identity, as the paper describes. */
        IDENTITY
    }
}
