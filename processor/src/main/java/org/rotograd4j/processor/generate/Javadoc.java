package org.rotograd4j.processor.generate;

/** Puts user text, such as task names, into generated javadoc without letting it end or change the comment. */
final class Javadoc {

    private Javadoc() {}

    /**
     * Returns the text as code in javadoc: {@code {@code text}} when that shows it as it is, otherwise
     * {@code <code>text</code>} with each character that the compiler or javadoc could read as something else
     * (the end of the comment, a unicode escape, an inline tag, HTML) written as an HTML character reference,
     * and each control character (a line break, for example) as a Java unicode escape, its backslash so written.
     */
    static String code(String text) {
        boolean plain = !text.contains("*/")
                && text.chars().noneMatch(c -> "{}@\\".indexOf(c) >= 0 || Character.isISOControl(c));
        if (plain) {
            return "{@code " + text + "}";
        }
        StringBuilder escaped = new StringBuilder("<code>");
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                escaped.append("&#92;u").append(String.format("%04x", c));
            } else if ("{}@\\/&<>".indexOf(c) >= 0) {
                escaped.append("&#").append(c).append(';');
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.append("</code>").toString();
    }
}
