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
 * {@link SubspaceModel} at a quarter of ResNet-18's width, for short runs on a CPU: 16, 32, 64 and 128
 * channels, about 1/16 of the parameters and d = {@value #FEATURES} shared features. The same one-vs-rest heads.
 */
public class NarrowSubspaceModel {

    /** The number of shared features, d. */
    public static final int FEATURES = 128;

    @SharedBackbone(featureSize = FEATURES)
    @Rotate(dims = FEATURES)
    final Block backbone = CelebAResNetModel.resNet18Stages(FEATURES / 8)
            .add(Pool.globalAvgPool2dBlock())
            .add(Blocks.batchFlattenBlock());

    @TaskHeads(names = {"class0", "class1", "class2", "class3", "class4", "class5", "class6", "class7", "class8",
        "class9"}, loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY, metrics = TaskMetric.F1)
    Block isClass(int index) {
        return Linear.builder().setUnits(1).build();
    }
}
