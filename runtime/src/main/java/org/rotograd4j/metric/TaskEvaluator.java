package org.rotograd4j.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;

/**
 * Applies an evaluator to one task of a multi-task prediction: the task's entry of the labels and of the
 * predictions, both in task order.
 */
public final class TaskEvaluator extends Evaluator {

    private final Evaluator evaluator;
    private final int taskIndex;

    /**
     * Creates the evaluator.
     *
     * @param name the evaluator's name, such as {@code <task>_<metric>}
     * @param taskIndex the task's position in labels and predictions
     * @param evaluator what to compute on that task
     */
    public TaskEvaluator(String name, int taskIndex, Evaluator evaluator) {
        super(name);
        this.evaluator = evaluator;
        this.taskIndex = taskIndex;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return evaluator.evaluate(select(labels), select(predictions));
    }

    @Override
    public void addAccumulator(String key) {
        evaluator.addAccumulator(key);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        evaluator.updateAccumulator(key, select(labels), select(predictions));
    }

    @Override
    public void resetAccumulator(String key) {
        evaluator.resetAccumulator(key);
    }

    @Override
    public float getAccumulator(String key) {
        return evaluator.getAccumulator(key);
    }

    private NDList select(NDList list) {
        if (taskIndex >= list.size()) {
            throw new IllegalArgumentException("evaluator " + getName() + " needs entry " + taskIndex
                    + " but got " + list.size() + " arrays; labels and predictions hold one array per task");
        }
        return new NDList(list.get(taskIndex));
    }
}
