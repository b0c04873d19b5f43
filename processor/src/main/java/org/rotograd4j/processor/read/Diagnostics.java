package org.rotograd4j.processor.read;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors on elements, annotations and annotation values, and remembers whether any was reported. */
final class Diagnostics {

    private final Messager messager;
    private boolean failed;

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    void error(ErrorId id, String text, Element element) {
        failed = true;
        messager.printMessage(Diagnostic.Kind.ERROR, id.message(text), element);
    }

    void error(ErrorId id, String text, Element element, AnnotationMirror annotation) {
        failed = true;
        messager.printMessage(Diagnostic.Kind.ERROR, id.message(text), element, annotation);
    }

    void error(ErrorId id, String text, Element element, AnnotationMirror annotation, AnnotationValue value) {
        failed = true;
        messager.printMessage(Diagnostic.Kind.ERROR, id.message(text), element, annotation, value);
    }

    boolean failed() {
        return failed;
    }
}
