package org.rotograd4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Gradle's incremental compilation: the processor is registered as isolating, which holds because each
 * generated file has exactly one originating element, its model class.
 */
class IncrementalProcessingTest {

    private static final String BACKBONE = "    @SharedBackbone Block backbone = Linear.builder().setUnits(8).build();";
    private static final String HEAD = "    @TaskHead(loss = TaskLoss.MSE) Block head = Linear.builder().setUnits(1).build();";

    /** Runs the processor with a filer that records the originating elements of each file it creates. */
    private static final class RecordingOrigins implements Processor {
        private final Processor delegate = new RotoGradProcessor();
        private final Map<String, List<String>> origins = new TreeMap<>();

        @Override
        public void init(ProcessingEnvironment environment) {
            Filer filer = environment.getFiler();
            Filer recording = proxy(Filer.class, (method, arguments) -> {
                if (method.getName().equals("createSourceFile")) {
                    origins.put(arguments[0].toString(), Arrays.stream((Element[]) arguments[1])
                            .map(e -> ((TypeElement) e).getQualifiedName().toString()).toList());
                }
                return call(filer, method, arguments);
            });
            delegate.init(proxy(ProcessingEnvironment.class, (method, arguments) ->
                    method.getName().equals("getFiler") ? recording : call(environment, method, arguments)));
        }

        private static <T> T proxy(Class<T> type, Handler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (self, method, arguments) -> handler.handle(method, arguments)));
        }

        private static Object call(Object target, Method method, Object[] arguments) throws Throwable {
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }
    }

    /** Answers the calls to a proxy. */
    private interface Handler {
        Object handle(Method method, Object[] arguments) throws Throwable;
    }

    @Test
    void theProcessorIsRegisteredWithGradleAsIsolating() throws IOException {
        try (InputStream in = RotoGradProcessor.class.getResourceAsStream(
                "/META-INF/gradle/incremental.annotation.processors")) {
            assertEquals(RotoGradProcessor.class.getName() + ",isolating\n",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachGeneratedFileHasItsModelAsTheOnlyOriginatingElement() {
        RecordingOrigins processor = new RecordingOrigins();
        Compilation compilation = Compiler.javac().withProcessors(processor).compile(
                Sources.model("Flat", "public class Flat {", BACKBONE, HEAD, "}"),
                Sources.model("Outer", "public class Outer {", "    static class Net {", "    " + BACKBONE,
                        "    " + HEAD, "    }", "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(Map.of(
                "test.FlatMultiTask", List.of("test.Flat"),
                "test.FlatTraining", List.of("test.Flat"),
                "test.Outer_NetMultiTask", List.of("test.Outer.Net"),
                "test.Outer_NetTraining", List.of("test.Outer.Net")), processor.origins);
    }
}
