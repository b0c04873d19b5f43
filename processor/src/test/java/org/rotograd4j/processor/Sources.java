package org.rotograd4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Builds test sources and compiles them with the processor. */
final class Sources {

    private Sources() {}

    /** A class {@code test.<name>} with the usual imports, whose body is the given lines. */
    static JavaFileObject model(String name, String... body) {
        StringBuilder source = new StringBuilder()
                .append("package test;\n")
                .append("\n")
                .append("import ai.djl.nn.Block;\n")
                .append("import ai.djl.nn.core.Linear;\n")
                .append("import ai.djl.training.loss.Loss;\n")
                .append("import org.rotograd4j.annotations.*;\n")
                .append("\n");
        for (String line : body) {
            source.append(line).append('\n');
        }
        return JavaFileObjects.forSourceString("test." + name, source.toString());
    }

    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new RotoGradProcessor()).compile(sources);
    }
}
