package org.rotograd4j.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The inference path of one task of a {@link MultiTaskModel}: backbone, the task's rotation, its head. */
final class SingleTaskBlock extends AbstractBlock {

    private final MultiTaskModel model;
    private final int taskIndex;

    SingleTaskBlock(MultiTaskModel model, int taskIndex) {
        this.model = addChildBlock("model", model);
        this.taskIndex = taskIndex;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return model.forwardTask(parameterStore, inputs, taskIndex);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {model.getOutputShapes(inputShapes)[taskIndex]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        model.initialize(manager, dataType, inputShapes);
    }
}
