package org.rotograd4j.samples.celeba;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;

/**
 * The ResNet-18 CelebA model of Table 4 (d = 2048), built from DJL blocks and trained from scratch: the
 * ImageNet layout (7x7 stride-2 stem, 3x3 max-pooling, four stages of two basic residual blocks with 64,
 * 128, 256 and 512 channels) without its classifier. Its 512-channel map, 2x2 for 64x64 images, is
 * average-pooled to 2x2 for larger images and flattened into 2048 shared features, of which the first 1536
 * (75%) are rotated. One linear head per attribute, trained with binary cross-entropy and scored by F1.
 */
public class CelebAResNetModel {

    /** The number of shared features. */
    public static final int FEATURES = 2048;

    @SharedBackbone(featureSize = FEATURES)
    @Rotate(dims = 1536)
    final Block backbone;

    /**
     * Creates the model for square images of a given side.
     *
     * @param imageSize the side of the images: a multiple of 64, so that the final map pools to 2x2
     * @throws IllegalArgumentException for other sizes
     */
    public CelebAResNetModel(int imageSize) {
        checkImageSize(imageSize);
        SequentialBlock resnet = resNet18Stages(64);
        int pool = imageSize / 64;
        if (pool > 1) {
            resnet.add(Pool.avgPool2dBlock(new Shape(pool, pool), new Shape(pool, pool)));
        }
        backbone = resnet.add(Blocks.batchFlattenBlock());
    }

    /**
     * Returns ResNet-18's layers without pooling or classifier, untrained: the ImageNet stem (7x7 stride-2
     * convolution, batch normalization, ReLU, 3x3 stride-2 max-pooling) and four stages of two basic residual
     * blocks with {@code width}, 2, 4 and 8 times {@code width} channels (64 to 512 in the original), the first
     * block of each later stage halving the map. It takes images of any channel count and side and gives a map of
     * 8 {@code width} channels and 1/32 of the side (rounded up).
     *
     * @param width the channels of the stem and the first stage: 64 for ResNet-18, less for a narrower copy
     * @return a new block
     */
    public static SequentialBlock resNet18Stages(int width) {
        SequentialBlock resnet = new SequentialBlock()
                .add(conv(width, 7, 2))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int channels = width;
        for (int stage = 0; stage < 4; stage++) {
            int stageChannels = width << stage;
            for (int block = 0; block < 2; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                resnet.add(basicBlock(stageChannels, stride, channels != stageChannels || stride != 1));
                channels = stageChannels;
            }
        }
        return resnet;
    }

    /**
     * Fails unless the model takes square images of this side.
     *
     * @throws IllegalArgumentException unless the side is a positive multiple of 64
     */
    public static void checkImageSize(int imageSize) {
        if (imageSize <= 0 || imageSize % 64 != 0) {
            throw new IllegalArgumentException("the ResNet-18 model needs an image size that is a multiple of 64 "
                    + "(its 512-channel map, 1/32 of the image, is pooled to 2x2 = 2048 features), got " + imageSize);
        }
    }

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

    /** Two 3x3 convolutions with batch normalization, added to the input (projected when its shape changes). */
    private static Block basicBlock(int channels, int stride, boolean project) {
        Block main = new SequentialBlock()
                .add(conv(channels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(channels, 3, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = project
                ? new SequentialBlock().add(conv(channels, 1, stride)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(branches -> new NDList(branches.get(0).head().add(branches.get(1).head())),
                        List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .setFilters(filters)
                .build();
    }
}
