package org.rotograd4j.train;

import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.Objects;

/**
 * One task of a multi-task model: its name, its head, its loss, the weight of that loss and the metrics
 * reported for it.
 *
 * @param name the task's name, unique within the model
 * @param head the task-specific block; it receives the (rotated) shared feature and returns one array
 * @param loss the task's loss, {@code loss.evaluate(labels, prediction)}
 * @param weight a constant factor on the loss, 1 by default
 * @param metrics evaluators of the task's prediction against its label, reported per epoch
 */
public record Task(String name, Block head, Loss loss, double weight, List<Evaluator> metrics) {

    /**
     * Checks the fields and copies the metrics.
     *
     * @param name the task's name, unique within the model; not blank
     * @param head the task-specific block
     * @param loss the task's loss
     * @param weight a constant factor on the loss; positive and finite
     * @param metrics evaluators reported per epoch; may be empty
     * @throws IllegalArgumentException when the name is blank or the weight is not positive and finite
     */
    public Task {
        Objects.requireNonNull(name, "task name");
        Objects.requireNonNull(head, "head of task " + name);
        Objects.requireNonNull(loss, "loss of task " + name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("loss weight of task " + name + " must be positive, got " + weight);
        }
        metrics = List.copyOf(metrics);
    }

    /**
     * A task with loss weight 1 and no metrics besides its loss.
     *
     * @param name the task's name, unique within the model; not blank
     * @param head the task-specific block
     * @param loss the task's loss
     * @return the task
     */
    public static Task of(String name, Block head, Loss loss) {
        return new Task(name, head, loss, 1, List.of());
    }
}
