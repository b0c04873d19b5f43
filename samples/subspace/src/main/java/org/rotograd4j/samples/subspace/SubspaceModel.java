package org.rotograd4j.samples.subspace;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;
import org.rotograd4j.samples.celeba.CelebAResNetModel;

/**
 * The model of paper §6.2: ResNet-18 without pre-training as shared backbone, its 512-channel map
 * average-pooled over the whole image into d = {@value #FEATURES} features (so it takes small images of any
 * side, such as CIFAR-10's 32x32x3 or Fashion-MNIST's 28x28x1), and one linear head per one-vs-rest task,
 * trained with binary cross-entropy on its logit and scored by F1. All features are rotated unless the sample
 * asks for a subspace.
 */
public class SubspaceModel {

    /** The number of shared features, d. */
    public static final int FEATURES = 512;

    @SharedBackbone(featureSize = FEATURES)
    @Rotate(dims = FEATURES)
    final Block backbone = CelebAResNetModel.resNet18Stages(64)
            .add(Pool.globalAvgPool2dBlock())
            .add(Blocks.batchFlattenBlock());

    @TaskHeads(names = {"class0", "class1", "class2", "class3", "class4", "class5", "class6", "class7", "class8",
        "class9"}, loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY, metrics = TaskMetric.F1)
    Block isClass(int index) {
        return Linear.builder().setUnits(1).build();
    }
}
