package org.rotograd4j.processor.model;

import java.util.List;

/**
 * The names of the generated classes, and the Java names in them that do not come from a task's name. The
 * reader checks task names against them; the generators use them.
 *
 * <p>Only the static fields of {@code <Model>MultiTask} (task constants, {@link #ALL_TASKS}, {@link
 * #familyTasks}) and the components of {@link #OUTPUTS} can meet: the methods {@code block} and {@code
 * builder} and the record are in other namespaces, the constants are upper case, and {@link TaskName} renames
 * components that would clash with the record's own methods.
 */
public final class GeneratedNames {

    /** The constant of {@code <Model>MultiTask} that lists every task. */
    public static final String ALL_TASKS = "TASKS";

    /** The record of {@code <Model>MultiTask} that holds one output per task. */
    public static final String OUTPUTS = "Outputs";

    private GeneratedNames() {}

    /**
     * Returns the constant of {@code <Model>MultiTask} that lists the tasks of a head family.
     *
     * @param factory the family's method, {@code Block factory(int index)}
     * @return the constant's name, such as {@code ATTRIBUTE_TASKS}
     */
    public static String familyTasks(String factory) {
        return TaskName.of(factory).constant() + "_TASKS";
    }

    /**
     * Returns the simple name of the multi-task class generated for a model.
     *
     * @param simpleNames the model's simple name and those of the classes it is nested in, outermost first
     * @return the name, such as {@code FaceModelMultiTask}
     */
    public static String multiTask(List<String> simpleNames) {
        return String.join("_", simpleNames) + "MultiTask";
    }

    /**
     * Returns the simple name of the whole-training class generated for a model.
     *
     * @param simpleNames the model's simple name and those of the classes it is nested in, outermost first
     * @return the name, such as {@code FaceModelTraining}
     */
    public static String training(List<String> simpleNames) {
        return String.join("_", simpleNames) + "Training";
    }
}
