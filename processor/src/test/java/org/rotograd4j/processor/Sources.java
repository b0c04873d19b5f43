package org.rotograd4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;

/** Builds test sources, compiles them with the processor, and loads the classes compiled from them. */
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

    /** Loads a class of a successful compilation, such as {@code test.ModelMultiTask$Outputs}. */
    static Class<?> load(Compilation compilation, String binaryName) throws ClassNotFoundException {
        ClassLoader loader = new ClassLoader(Sources.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                String wanted = "/CLASS_OUTPUT/" + name.replace('.', '/') + ".class";
                JavaFileObject file = compilation.generatedFiles().stream()
                        .filter(f -> f.getName().equals(wanted)).findFirst()
                        .orElseThrow(() -> new ClassNotFoundException(name));
                try (InputStream in = file.openInputStream()) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return Class.forName(binaryName, true, loader);
    }
}
