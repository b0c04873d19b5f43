package org.rotograd4j.samples.celeba;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;

/**
 * The convolutional CelebA model of Table 4 (d = 512): four blocks of a 3x3 convolution (64, 128, 256 and
 * 512 filters), batch normalization, ReLU and 2x2 max-pooling, then global average pooling to 512 shared
 * features, of which the first 256 (50%) are rotated. One linear head per attribute, trained with binary
 * cross-entropy on the logit and scored by F1. Takes images of any size from 16x16.
 */
public class CelebAConvModel {

    /** The number of shared features. */
    public static final int FEATURES = 512;

    @SharedBackbone(featureSize = FEATURES)
    @Rotate(dims = 256)
    final Block backbone = backbone();

    @TaskHeads(names = {"5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive", "Bags_Under_Eyes", "Bald", "Bangs",
        "Big_Lips", "Big_Nose", "Black_Hair", "Blond_Hair", "Blurry", "Brown_Hair", "Bushy_Eyebrows", "Chubby",
        "Double_Chin", "Eyeglasses", "Goatee", "Gray_Hair", "Heavy_Makeup", "High_Cheekbones", "Male",
        "Mouth_Slightly_Open", "Mustache", "Narrow_Eyes", "No_Beard", "Oval_Face", "Pale_Skin", "Pointy_Nose",
        "Receding_Hairline", "Rosy_Cheeks", "Sideburns", "Smiling", "Straight_Hair", "Wavy_Hair", "Wearing_Earrings",
        "Wearing_Hat", "Wearing_Lipstick", "Wearing_Necklace", "Wearing_Necktie", "Young"},
        loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY, metrics = TaskMetric.F1)
    Block attribute(int index) {
        return Linear.builder().setUnits(1).build();
    }

    /**
     * Fails unless the model takes square images of this side.
     *
     * @throws IllegalArgumentException for sides under 16
     */
    public static void checkImageSize(int imageSize) {
        if (imageSize < 16) {
            throw new IllegalArgumentException("the convolutional model pools four times by 2: the image size must "
                    + "be at least 16, got " + imageSize);
        }
    }

    private static Block backbone() {
        SequentialBlock backbone = new SequentialBlock();
        for (int filters : new int[] {64, 128, 256, FEATURES}) {
            backbone.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .optBias(false).setFilters(filters).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        return backbone.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }
}
