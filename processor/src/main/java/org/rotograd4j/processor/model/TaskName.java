package org.rotograd4j.processor.model;

import java.util.Locale;
import java.util.Set;

/**
 * A task's name as the user wrote it, and the Java names derived from it: a constant ({@code
 * WAVY_HAIR}) and a record component ({@code wavyHair}).
 *
 * @param name the task's name
 * @param constant the name of its {@code String} constant
 * @param component the name of its component in the generated outputs record
 */
public record TaskName(String name, String constant, String component) {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield", "sealed", "permits");

    /** Derives the Java names of a task name. */
    public static TaskName of(String name) {
        String[] words = name.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
        StringBuilder constant = new StringBuilder();
        StringBuilder component = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            constant.append(constant.length() == 0 ? "" : "_").append(word.toUpperCase(Locale.ROOT));
            String lower = word.toLowerCase(Locale.ROOT);
            component.append(component.length() == 0 ? lower
                    : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        String c = constant.toString();
        String m = component.toString();
        if (c.isEmpty() || Character.isDigit(c.charAt(0))) {
            c = "TASK_" + c;
            m = "task" + (m.isEmpty() ? "" : Character.toUpperCase(m.charAt(0)) + m.substring(1));
        }
        if (KEYWORDS.contains(m) || m.equals("of")) {
            m = m + "Output";
        }
        return new TaskName(name, c, m);
    }
}
