package org.rotograd4j.samples.illustrative;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.annotations.TaskLoss;

/**
 * The paper's illustrative model (§4), annotated: the backbone {@code z = W2·max(W1·x + b1, 0) + b2} with
 * 10 hidden units and a 2-D z, no task parameters (identity heads), each task scored by {@code φ(r_k, o_k)}
 * with its optimum {@code o_k} as the label. The rotations start at the identity, as in the paper.
 */
public class IllustrativeModel {

    @SharedBackbone(featureSize = 2)
    @Rotate(dims = 2, start = Rotate.Start.IDENTITY)
    final Block backbone = new SequentialBlock()
            .add(Linear.builder().setUnits(10).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(2).build());

    private final Landscape landscape;

    /**
     * Creates the model.
     *
     * @param landscape the test function both tasks use
     */
    public IllustrativeModel(Landscape landscape) {
        this.landscape = landscape;
    }

    @TaskHeads(names = {"task1", "task2"}, loss = TaskLoss.CUSTOM, lossMethod = "phi")
    Block head(int index) {
        return new LambdaBlock(x -> x);
    }

    Loss phi() {
        return new LandscapeLoss("phi", landscape);
    }
}
