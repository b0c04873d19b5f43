package org.rotograd4j.samples.multimnist;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHead;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;

/**
 * The paper's MultiMNIST model (§6.1): a reduced LeNet as shared backbone (two 5x5 convolutions with 10
 * and 20 filters, max-pooling, a 50-unit layer) and one linear head per task. All 50 features are
 * rotated.
 */
public class MultiMnistModel {

    @SharedBackbone(featureSize = 50)
    @Rotate(dims = 50)
    final Block backbone = new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(10).build())
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Activation.reluBlock())
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build())
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Activation.reluBlock())
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(50).build())
            .add(Activation.reluBlock());

    @TaskHead(loss = TaskLoss.SOFTMAX_CROSS_ENTROPY, metrics = TaskMetric.ACCURACY)
    final Block left = Linear.builder().setUnits(10).build();

    @TaskHead(loss = TaskLoss.SOFTMAX_CROSS_ENTROPY, metrics = TaskMetric.ACCURACY)
    final Block right = Linear.builder().setUnits(10).build();

    @TaskHead(loss = TaskLoss.MSE)
    final Block sum = Linear.builder().setUnits(1).build();

    @TaskHead(loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY, metrics = TaskMetric.F1)
    final Block parity = Linear.builder().setUnits(1).build();

    @TaskHead(loss = TaskLoss.MSE)
    final Block pixels = Linear.builder().setUnits(1).build();
}
