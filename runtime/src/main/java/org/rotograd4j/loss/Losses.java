package org.rotograd4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * The common task losses, written without Java-number operands in the autograd graph (see {@link
 * org.rotograd4j.Scalars}; DJL's own losses multiply by a Java-number weight). Each returns the mean over
 * the batch.
 */
public final class Losses {

    private Losses() {}

    /**
     * Mean squared error {@code mean((prediction − label)²)}; the label is reshaped to the prediction.
     *
     * @param name the loss's name, as DJL's metrics and listeners show it
     * @return a new loss over one prediction and one label array
     */
    public static Loss meanSquaredError(String name) {
        return new Loss(name) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray prediction = predictions.singletonOrThrow();
                return prediction.sub(labels.singletonOrThrow().reshape(prediction.getShape())).square().mean();
            }
        };
    }

    /**
     * Mean absolute error {@code mean(|prediction − label|)}; the label is reshaped to the prediction.
     *
     * @param name the loss's name, as DJL's metrics and listeners show it
     * @return a new loss over one prediction and one label array
     */
    public static Loss meanAbsoluteError(String name) {
        return new Loss(name) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray prediction = predictions.singletonOrThrow();
                return prediction.sub(labels.singletonOrThrow().reshape(prediction.getShape())).abs().mean();
            }
        };
    }

    /**
     * Softmax cross-entropy of logits {@code [B, C, ...]} (classes on axis 1) against integer class labels
     * {@code [B, ...]}; labels outside {@code [0, C)}, such as -1 for unlabeled pixels, are ignored.
     *
     * @param name the loss's name, as DJL's metrics and listeners show it
     * @return a new loss, the mean over the valid labels only (0 when a batch has none)
     */
    public static Loss softmaxCrossEntropy(String name) {
        return new Loss(name) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray logits = predictions.singletonOrThrow();
                long classes = logits.getShape().get(1);
                NDArray label = labels.singletonOrThrow().toType(ai.djl.ndarray.types.DataType.INT64, false);
                NDArray valid = label.gte(0).logicalAnd(label.lt(classes));
                // oneHot puts classes last: move them to axis 1, keeping the spatial axes in order.
                NDArray oneHot = label.mul(valid).oneHot((int) classes).toType(logits.getDataType(), false);
                int last = oneHot.getShape().dimension() - 1;
                if (last > 1) {
                    int[] axes = new int[last + 1];
                    axes[1] = last;
                    for (int i = 2; i <= last; i++) {
                        axes[i] = i - 1;
                    }
                    oneHot = oneHot.transpose(axes);
                }
                NDArray picked = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1});
                NDArray mask = valid.toType(logits.getDataType(), false).reshape(picked.getShape());
                return picked.mul(mask).sum().neg().div(mask.sum().maximum(mask.sum().onesLike()));
            }
        };
    }

    /**
     * Binary cross-entropy of logits against labels in [0, 1], in the numerically stable form {@code
     * relu(x) − x·y + softplus(−|x|)}; the label is reshaped to the prediction.
     *
     * @param name the loss's name, as DJL's metrics and listeners show it
     * @return a new loss over one logit and one label array
     */
    public static Loss sigmoidBinaryCrossEntropy(String name) {
        return new Loss(name) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray logits = predictions.singletonOrThrow();
                NDArray label = labels.singletonOrThrow().reshape(logits.getShape()).toType(logits.getDataType(), false);
                return Activation.relu(logits).sub(logits.mul(label)).add(Activation.softPlus(logits.abs().neg())).mean();
            }
        };
    }
}
