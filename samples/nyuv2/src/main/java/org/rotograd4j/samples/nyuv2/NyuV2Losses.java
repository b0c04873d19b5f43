package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.rotograd4j.Scalars;

/**
 * MTAN's dense losses for depth and surface normals (segmentation uses the runtime's softmax cross-entropy),
 * averaged over the valid pixels of the batch and written with {@link Scalars} only, so that they are safe to
 * differentiate on DJL's CPU engine.
 */
public final class NyuV2Losses {

    private static final int[] CHANNELS = {1};
    private static final double EPSILON = 1e-20;

    private NyuV2Losses() {}

    /**
     * The L1 depth loss: {@code Σ |prediction − depth| / n} over the n pixels whose depth is not 0 (unknown
     * depth is 0); 0 when no pixel is valid. Prediction and label {@code [B, 1, H, W]}.
     */
    public static Loss maskedL1(String name) {
        return new Loss(name) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray prediction = predictions.singletonOrThrow();
                NDArray depth = labels.singletonOrThrow().reshape(prediction.getShape());
                NDArray valid = depth.neq(0).toType(prediction.getDataType(), false);
                return prediction.sub(depth).abs().mul(valid).sum().div(atLeastOne(valid.sum()));
            }
        };
    }

    /**
     * The surface-normal loss: {@code 1 − mean cos(prediction, normal)} over the pixels whose ground-truth
     * normal is not zero, both vectors L2-normalized along the channels; 1 when no pixel is valid.
     * Prediction and label {@code [B, 3, H, W]}.
     */
    public static Loss cosine(String name) {
        return new Loss(name) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray prediction = predictions.singletonOrThrow();
                NDArray normal = labels.singletonOrThrow().reshape(prediction.getShape());
                NDArray length = normal.square().sum(CHANNELS, true).sqrt();
                NDArray valid = length.gt(0).toType(prediction.getDataType(), false);
                NDArray unitNormal = normal.div(length.add(valid.neg().add(valid.onesLike())));
                NDArray cosines = unitVectors(prediction).mul(unitNormal).sum(CHANNELS, true);
                NDArray mean = cosines.mul(valid).sum().div(atLeastOne(valid.sum()));
                return Scalars.of(mean, 1).sub(mean);
            }
        };
    }

    /** Returns {@code x / ‖x‖} along the channels (axis 1), with a tiny guard against zero vectors. */
    public static NDArray unitVectors(NDArray x) {
        return x.div(Scalars.plus(x.square().sum(CHANNELS, true), EPSILON).sqrt());
    }

    private static NDArray atLeastOne(NDArray count) {
        return count.maximum(count.onesLike());
    }
}
