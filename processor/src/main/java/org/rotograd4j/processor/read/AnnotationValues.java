package org.rotograd4j.processor.read;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Reads one annotation on one element: its values with defaults, and where each explicit value is written. */
final class AnnotationValues {

    private final Element element;
    private final AnnotationMirror mirror;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;

    private AnnotationValues(Element element, AnnotationMirror mirror, Elements elements) {
        this.element = element;
        this.mirror = mirror;
        this.explicit = mirror.getElementValues();
        this.withDefaults = elements.getElementValuesWithDefaults(mirror);
    }

    /** Returns the annotation of the given type on the element, or null. */
    static AnnotationValues find(Element element, String annotationType, Elements elements) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationType)) {
                return new AnnotationValues(element, mirror, elements);
            }
        }
        return null;
    }

    Element element() {
        return element;
    }

    AnnotationMirror mirror() {
        return mirror;
    }

    /** Returns the value as written, or null when the default applies (to report errors on it). */
    AnnotationValue written(String name) {
        return valueIn(explicit, name);
    }

    /**
     * Returns one element of an array value as written, to report errors on it; the whole value when the array
     * is written without braces (javac finds no element there), or null when the default applies.
     */
    AnnotationValue writtenElement(String name, int index) {
        AnnotationValue array = written(name);
        if (array == null || !(array.getValue() instanceof List<?> values) || values.size() == 1) {
            return array;
        }
        return (AnnotationValue) values.get(index);
    }

    int intValue(String name) {
        return (Integer) value(name);
    }

    long longValue(String name) {
        return (Long) value(name);
    }

    double doubleValue(String name) {
        return (Double) value(name);
    }

    String stringValue(String name) {
        return (String) value(name);
    }

    /** Returns the name of an enum constant value. */
    String enumValue(String name) {
        return ((VariableElement) value(name)).getSimpleName().toString();
    }

    /** Returns the elements of an array value, unwrapped. */
    List<Object> arrayValue(String name) {
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) value(name);
        return values.stream().map(v -> v.getValue() instanceof VariableElement constant
                ? (Object) constant.getSimpleName().toString() : v.getValue()).toList();
    }

    private Object value(String name) {
        AnnotationValue value = valueIn(withDefaults, name);
        if (value == null) {
            throw new IllegalStateException("annotation " + mirror + " has no attribute " + name);
        }
        return value.getValue();
    }

    private static AnnotationValue valueIn(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
