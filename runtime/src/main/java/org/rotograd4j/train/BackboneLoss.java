package org.rotograd4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * An extra loss on the backbone alone, such as a regularizer of the shared feature or of the backbone's
 * parameters; it is back-propagated into the backbone only, next to the method's combined gradient.
 */
@FunctionalInterface
public interface BackboneLoss {

    /**
     * Computes the loss.
     *
     * @param feature the shared feature z, with its autograd graph
     * @param inputs the backbone's inputs
     * @return a scalar
     */
    NDArray compute(NDArray feature, NDList inputs);
}
