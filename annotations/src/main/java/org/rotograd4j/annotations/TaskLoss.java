package org.rotograd4j.annotations;

/** The loss of a task head; each returns the mean over the batch. */
public enum TaskLoss {
    /** Mean squared error, for regression. */
    MSE,
    /** Mean absolute error, for regression (depth, for example). */
    MAE,
    /** Softmax cross-entropy of logits with classes on axis 1 against integer labels; labels below 0 are ignored. */
    SOFTMAX_CROSS_ENTROPY,
    /** Binary cross-entropy of logits against labels in [0, 1]. */
    SIGMOID_BINARY_CROSS_ENTROPY,
    /** A loss the model gives itself: name a method with {@code lossMethod}. */
    CUSTOM
}
