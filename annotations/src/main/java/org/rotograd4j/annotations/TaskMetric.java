package org.rotograd4j.annotations;

/** A metric reported for a task after each epoch, on the validation data. */
public enum TaskMetric {
    /** The fraction of samples whose arg-max over classes (axis 1) equals the label. */
    ACCURACY,
    /** The fraction of binary predictions (logit above 0) equal to the label. */
    BINARY_ACCURACY,
    /** The F1 score of binary predictions (logit above 0). */
    F1,
    /** The mean absolute error. */
    MAE,
    /** The mean squared error. */
    MSE
}
