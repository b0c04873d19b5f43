package com.example.consumer;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHead;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;

/** A user's model: a shared MLP, a price head and a binary "has a garden" head. */
public class HouseModel {

    @SharedBackbone(featureSize = 16)
    @Rotate(dims = 8)
    Block encoder = new SequentialBlock()
            .add(Linear.builder().setUnits(16).build())
            .add(Activation.tanhBlock());

    @TaskHead(name = "price", loss = TaskLoss.MSE, metrics = TaskMetric.MAE)
    Block priceHead() {
        return Linear.builder().setUnits(1).build();
    }

    @TaskHead(name = "garden", loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY, metrics = TaskMetric.F1)
    Block gardenHead() {
        return Linear.builder().setUnits(1).build();
    }
}
