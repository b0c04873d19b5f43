package org.rotograd4j.processor.model;

import org.rotograd4j.annotations.Rotate;

/**
 * The task rotations of a model ({@code @Rotate}).
 *
 * @param dims the number of rotated entries
 * @param axis the rotated axis
 * @param start where the rotations start
 * @param seed the seed of random starting rotations
 * @param blocks the number of independent blocks of each rotation, 1 for a full rotation
 * @param parametrization how the rotations are computed and learned
 */
public record RotationSpec(
        int dims, Rotate.Axis axis, Rotate.Start start, long seed, int blocks, Rotate.Parametrization parametrization) {}
