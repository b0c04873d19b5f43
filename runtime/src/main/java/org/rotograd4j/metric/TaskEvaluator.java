package org.rotograd4j.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies an evaluator to one task of a multi-task prediction: the task's entry of the labels and of the
 * predictions, both in task order.
 *
 * <p>A {@link Loss} gives one mean per batch; DJL's accumulator would average those means with equal
 * weight, so a last, smaller batch would count as much as a full one. Here a loss is accumulated weighted by
 * each batch's number of samples (the label's first dimension): the result is the mean over samples. Other
 * evaluators keep their own accumulation.
 */
public final class TaskEvaluator extends Evaluator {

    private final Evaluator evaluator;
    private final int taskIndex;
    /** Per accumulator key: the sample-weighted sum of a loss, and the number of samples. */
    private final Map<String, double[]> weightedLoss = new ConcurrentHashMap<>();

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
        if (evaluator instanceof Loss) {
            weightedLoss.put(key, new double[2]);
        } else {
            evaluator.addAccumulator(key);
        }
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        if (evaluator instanceof Loss) {
            NDList label = select(labels);
            double samples = label.head().getShape().dimension() == 0 ? 1 : label.head().getShape().get(0);
            double mean = evaluator.evaluate(label, select(predictions)).mean().toType(DataType.FLOAT64, false).getDouble();
            weightedLoss.compute(key, (k, sums) -> {
                double[] updated = sums == null ? new double[2] : sums.clone();
                updated[0] += mean * samples;
                updated[1] += samples;
                return updated;
            });
        } else {
            evaluator.updateAccumulator(key, select(labels), select(predictions));
        }
    }

    @Override
    public void resetAccumulator(String key) {
        if (evaluator instanceof Loss) {
            weightedLoss.put(key, new double[2]);
        } else {
            evaluator.resetAccumulator(key);
        }
    }

    @Override
    public float getAccumulator(String key) {
        if (evaluator instanceof Loss) {
            double[] sums = weightedLoss.get(key);
            if (sums == null) {
                throw new IllegalArgumentException("no accumulator '" + key + "' for " + getName());
            }
            return (float) (sums[0] / sums[1]);
        }
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
