package org.rotograd4j.processor.model;

import java.util.List;

/**
 * An annotated model class, checked and ready to generate from.
 *
 * @param packageName the class's package
 * @param simpleNames the class's simple name and those of the classes it is nested in, outermost first
 * @param backbone the member that gives the shared backbone
 * @param rotation the rotations, or null when the model has none
 * @param heads where the task heads come from, in task order
 */
public record ModelSpec(
        String packageName, List<String> simpleNames, Member backbone, RotationSpec rotation, List<HeadSpec> heads) {

    /**
     * Returns every task.
     *
     * @return the tasks' names, in task order
     */
    public List<TaskName> tasks() {
        return heads.stream().flatMap(h -> h.tasks().stream()).toList();
    }
}
