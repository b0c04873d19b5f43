package org.rotograd4j.processor.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A task's name as the user wrote it, and the Java names derived from it: a constant ({@code
 * WAVY_HAIR}) and a record component ({@code wavyHair}).
 *
 * <p>The name is split into words at every character that Java does not allow in identifiers, at
 * {@code _} and {@code $} (and other connector and currency characters), and where a lower-case letter or
 * digit meets an upper-case letter; letters of any script are kept (after NFKC normalization, so that
 * {@code m²} reads {@code m2}). The constant joins the upper-cased words with {@code _}, the component is
 * their camel case. Names that start with a digit get the prefix {@code TASK_} and {@code task}; components
 * that Java reserves (keywords, and the names a record cannot use: {@code hashCode}, {@code toString},
 * ...) or that the generated record uses itself ({@code of}) get the suffix {@code Output}. Two names can
 * still give the same Java name; the reader reports that.
 *
 * @param name the task's name
 * @param constant the name of its {@code String} constant
 * @param component the name of its component in the generated outputs record
 */
public record TaskName(String name, String constant, String component) {

    /** Components that would not compile: keywords, literals and names restricted in some places. */
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield", "sealed", "permits");

    /**
     * Components that clash with the record's own methods: those a record component must not be named
     * (JLS 8.10.1), and the generated {@code of}.
     */
    private static final Set<String> RECORD_METHODS = Set.of("clone", "finalize", "getClass", "hashCode", "notify",
            "notifyAll", "toString", "wait", "of");

    /**
     * Derives the Java names of a task name.
     *
     * @param name the task's name, as the annotation gives it
     * @return the name with its constant and record component
     */
    public static TaskName of(String name) {
        StringBuilder constant = new StringBuilder();
        StringBuilder component = new StringBuilder();
        for (String word : words(Normalizer.normalize(name, Normalizer.Form.NFKC))) {
            constant.append(constant.length() == 0 ? "" : "_").append(word.toUpperCase(Locale.ROOT));
            String lower = word.toLowerCase(Locale.ROOT);
            component.append(component.length() == 0 ? lower : capitalized(lower));
        }
        String c = constant.toString();
        String m = component.toString();
        if (c.isEmpty() || !Character.isJavaIdentifierStart(c.codePointAt(0))
                || !Character.isJavaIdentifierStart(m.codePointAt(0))) {
            c = "TASK_" + c;
            m = "task" + capitalized(m);
        }
        if (KEYWORDS.contains(m) || RECORD_METHODS.contains(m)) {
            m = m + "Output";
        }
        return new TaskName(name, c, m);
    }

    /** Splits a name into its words, as the class comment describes. */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int previous = -1;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int c = name.codePointAt(i);
            boolean wordPart = isWordPart(c);
            boolean caseChange = previous >= 0 && (Character.isLowerCase(previous) || Character.isDigit(previous))
                    && (Character.isUpperCase(c) || Character.isTitleCase(c));
            if ((!wordPart || caseChange) && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            if (wordPart) {
                word.appendCodePoint(c);
            }
            previous = wordPart ? c : -1;
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Whether a character belongs to a word: Java allows it in identifiers, and it is no separator. */
    private static boolean isWordPart(int c) {
        int type = Character.getType(c);
        return Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c)
                && type != Character.CONNECTOR_PUNCTUATION && type != Character.CURRENCY_SYMBOL;
    }

    private static String capitalized(String word) {
        if (word.isEmpty()) {
            return word;
        }
        int first = word.codePointAt(0);
        return Character.toString(Character.toTitleCase(first)) + word.substring(Character.charCount(first));
    }
}
