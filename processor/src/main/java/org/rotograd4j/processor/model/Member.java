package org.rotograd4j.processor.model;

/**
 * A member of the model class that the generated code reads: a field, or a method called without
 * arguments (or with a task index, for head families).
 *
 * @param name the member's simple name
 * @param isMethod whether it is a method
 */
public record Member(String name, boolean isMethod) {

    /**
     * Returns a Java expression that reads the member of {@code receiver}, without arguments.
     *
     * @param receiver the expression of the model instance
     * @return {@code receiver.name} or {@code receiver.name()}
     */
    public String access(String receiver) {
        return receiver + "." + name + (isMethod ? "()" : "");
    }
}
