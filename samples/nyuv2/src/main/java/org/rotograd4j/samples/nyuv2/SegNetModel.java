package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.loss.Loss;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHead;
import org.rotograd4j.annotations.TaskLoss;

/**
 * The paper's NYUv2 model (§6.3): MTAN's SegNet whose decoder is split into the shared encoder-decoder
 * ({@link SegNet}) and three convolutional heads (a 3x3 and a 1x1 convolution each): 13-class segmentation
 * logits (classes on axis 1), depth {@code [B, 1, H, W]} and L2-normalized surface normals {@code [B, 3, H,
 * W]}, with MTAN's losses ({@link NyuV2Losses}).
 *
 * <p>The shared feature is a conv map {@code [B, width, H, W]}; each task rotates all its {@code width}
 * channels, with the same rotation at every pixel. (The paper rotates "the first 1024 dimensions of z"; this
 * SegNet has only 64 channels per pixel, see the README.) The annotations describe the default width of 64;
 * for another width, give the block builder {@code optRotation(width, FeatureAxis.CHANNELS, ...)}.
 */
public class SegNetModel {

    /** MTAN's width: encoder filters 64, 128, 256, 512, 512. */
    public static final int DEFAULT_WIDTH = 64;

    @SharedBackbone(featureSize = DEFAULT_WIDTH)
    @Rotate(dims = DEFAULT_WIDTH, axis = Rotate.Axis.CHANNELS)
    final Block backbone;

    @TaskHead(loss = TaskLoss.SOFTMAX_CROSS_ENTROPY)
    final Block segmentation;

    @TaskHead(loss = TaskLoss.CUSTOM, lossMethod = "depthLoss")
    final Block depth;

    @TaskHead(loss = TaskLoss.CUSTOM, lossMethod = "normalsLoss")
    final Block normals;

    /** MTAN's SegNet, width 64. */
    public SegNetModel() {
        this(DEFAULT_WIDTH);
    }

    /**
     * A SegNet of the given width (encoder filters width·{1, 2, 4, 8, 8}).
     *
     * @param width the channels of the first stage and of the shared feature
     */
    public SegNetModel(int width) {
        backbone = new SegNet(width);
        segmentation = head(width, NyuV2.CLASSES);
        depth = head(width, 1);
        normals = new SequentialBlock().add(head(width, 3))
                .add(LambdaBlock.singleton(NyuV2Losses::unitVectors, "unit_normals"));
    }

    /** MTAN's prediction layers: a 3x3 convolution at {@code width} filters, then a 1x1 to {@code outputs}. */
    private static Block head(int width, int outputs) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(width)
                        .build())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(outputs).build());
    }

    /** The depth loss: L1 over pixels of known depth. */
    Loss depthLoss() {
        return NyuV2Losses.maskedL1(SegNetModelMultiTask.DEPTH);
    }

    /** The normals loss: 1 − cosine similarity over pixels with a ground-truth normal. */
    Loss normalsLoss() {
        return NyuV2Losses.cosine(SegNetModelMultiTask.NORMALS);
    }
}
