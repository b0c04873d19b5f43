package org.rotograd4j.processor.model;

import java.util.List;
import org.rotograd4j.annotations.TaskMetric;

/** Where task heads come from, in declaration order: one annotated head, or a family of indexed heads. */
public sealed interface HeadSpec {

    /**
     * Returns the names of the tasks these heads serve.
     *
     * @return the names, in task order
     */
    List<TaskName> tasks();

    /**
     * Returns the loss of these tasks.
     *
     * @return the loss
     */
    LossSpec loss();

    /**
     * Returns the constant factor on these tasks' losses.
     *
     * @return the factor, positive
     */
    double weight();

    /**
     * Returns the metrics reported for these tasks.
     *
     * @return the metrics, possibly none
     */
    List<TaskMetric> metrics();

    /**
     * One head ({@code @TaskHead}).
     *
     * @param task the task
     * @param member the field or method that gives the head
     * @param loss the loss
     * @param weight the loss weight
     * @param metrics the metrics
     */
    record Single(TaskName task, Member member, LossSpec loss, double weight, List<TaskMetric> metrics)
            implements HeadSpec {
        @Override
        public List<TaskName> tasks() {
            return List.of(task);
        }
    }

    /**
     * A family of heads made by one factory method from a task index ({@code @TaskHeads}).
     *
     * @param tasks the tasks, in index order
     * @param factory the method {@code Block factory(int index)}
     * @param loss the loss
     * @param weight the loss weight
     * @param metrics the metrics
     */
    record Family(List<TaskName> tasks, String factory, LossSpec loss, double weight, List<TaskMetric> metrics)
            implements HeadSpec {}
}
