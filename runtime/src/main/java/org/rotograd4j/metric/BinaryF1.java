package org.rotograd4j.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The F1 score of a binary prediction: {@code 2·TP / (2·TP + FP + FN)}, a prediction counting as
 * positive above a threshold and a label as positive above 0.5 (so labels may be 0/1 or probabilities).
 * The score is 0 when there are no positives at all.
 */
public final class BinaryF1 extends Evaluator {

    private final double threshold;
    private final Map<String, long[]> counts = new ConcurrentHashMap<>();

    /**
     * Creates the evaluator.
     *
     * @param threshold the decision threshold on the prediction: 0 for logits, 0.5 for probabilities
     */
    public BinaryF1(double threshold) {
        super("f1");
        this.threshold = threshold;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        long[] c = count(labels, predictions);
        return predictions.head().getManager().create((float) score(c));
    }

    @Override
    public void addAccumulator(String key) {
        counts.put(key, new long[3]);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        long[] c = count(labels, predictions);
        long[] total = counts.computeIfAbsent(key, k -> new long[3]);
        for (int i = 0; i < 3; i++) {
            total[i] += c[i];
        }
    }

    @Override
    public void resetAccumulator(String key) {
        counts.put(key, new long[3]);
    }

    @Override
    public float getAccumulator(String key) {
        long[] c = counts.get(key);
        if (c == null) {
            throw new IllegalArgumentException("no accumulator '" + key + "' in " + getName());
        }
        return (float) score(c);
    }

    /** Returns true positives, false positives and false negatives. */
    private long[] count(NDList labels, NDList predictions) {
        NDArray predicted = predictions.head().gt(threshold);
        NDArray actual = labels.head().reshape(predictions.head().getShape()).gt(0.5);
        long truePositives = predicted.logicalAnd(actual).countNonzero().getLong();
        long predictedPositives = predicted.countNonzero().getLong();
        long actualPositives = actual.countNonzero().getLong();
        return new long[] {truePositives, predictedPositives - truePositives, actualPositives - truePositives};
    }

    private static double score(long[] c) {
        long denominator = 2 * c[0] + c[1] + c[2];
        return denominator == 0 ? 0 : 2.0 * c[0] / denominator;
    }
}
