package org.rotograd4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** Models that use types another annotation processor generates: they wait for the round that has them. */
class LaterRoundsTest {

    private static final String BACKBONE = "    @SharedBackbone Block backbone = Linear.builder().setUnits(8).build();";

    /** Stands for another annotation processor: writes the given sources in the first round. */
    private static final class OtherProcessor extends AbstractProcessor {
        private final Map<String, String> sources;
        private boolean written;

        OtherProcessor(Map<String, String> sources) {
            this.sources = sources;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
                written = true;
                sources.forEach((name, source) -> {
                    try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                        writer.write(source);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return false;
        }
    }

    /** Compiles with our processor first, so that its first round sees the types unresolved. */
    private static Compilation compileWithOther(Map<String, String> generated, String... model) {
        return Compiler.javac().withProcessors(new RotoGradProcessor(), new OtherProcessor(generated))
                .compile(Sources.model("Model", model));
    }

    @Test
    void aHeadWhoseTypeIsGeneratedInTheFirstRound() throws IOException {
        Compilation compilation = compileWithOther(
                Map.of("test.GeneratedHead", "package test; public class GeneratedHead extends ai.djl.nn.SequentialBlock {}"),
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE) GeneratedHead head = new GeneratedHead();",
                "}");
        assertThat(compilation).succeededWithoutWarnings();
        String source = compilation.generatedSourceFile("test.ModelMultiTask").orElseThrow().getCharContent(true)
                .toString();
        assertTrue(source.contains("builder.addTask(new Task(HEAD, model.head,"), source);
    }

    @Test
    void aCustomLossWhoseTypeIsGeneratedInTheFirstRound() {
        Compilation compilation = compileWithOther(
                Map.of("test.GeneratedLoss", "package test; public class GeneratedLoss extends ai.djl.training.loss.L2Loss {}"),
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.CUSTOM, lossMethod = \"halfMse\") Block head = Linear.builder().build();",
                "    GeneratedLoss halfMse() { return new GeneratedLoss(); }",
                "}");
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aHeadWhoseSupertypeIsGeneratedInTheFirstRound() {
        Compilation compilation = compileWithOther(
                Map.of("test.GeneratedBase", "package test; public class GeneratedBase extends ai.djl.nn.SequentialBlock {}"),
                "public class Model {", BACKBONE,
                "    static class Head extends GeneratedBase {}",
                "    @TaskHead(loss = TaskLoss.MSE) Head head = new Head();",
                "}");
        assertThat(compilation).succeededWithoutWarnings();
    }
}
