package org.rotograd4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHead;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.processor.generate.MultiTaskGenerator;
import org.rotograd4j.processor.generate.TrainerGenerator;
import org.rotograd4j.processor.model.ModelSpec;
import org.rotograd4j.processor.read.ErrorId;
import org.rotograd4j.processor.read.ModelReader;

/**
 * Checks every class with {@code @SharedBackbone}, {@code @TaskHead}, {@code @TaskHeads} or {@code @Rotate}
 * members and generates its {@code <Model>MultiTask} and {@code <Model>Trainer}. The pipeline is visible
 * in the packages: {@code read} turns the class into a plain {@code model}, {@code generate} writes the
 * sources from it.
 */
@AutoService(Processor.class)
public final class RotoGradProcessor extends AbstractProcessor {

    private static final Set<String> ANNOTATIONS = Set.of(SharedBackbone.class.getCanonicalName(),
            TaskHead.class.getCanonicalName(), TaskHeads.class.getCanonicalName(), Rotate.class.getCanonicalName());

    private final List<Function<ModelSpec, JavaFile>> generators;

    /** Creates the processor with its two generators. */
    public RotoGradProcessor() {
        this(List.of(new MultiTaskGenerator()::generate, new TrainerGenerator()::generate));
    }

    /** Creates a processor with other generators (tests use one that fails). */
    RotoGradProcessor(List<Function<ModelSpec, JavaFile>> generators) {
        this.generators = List.copyOf(generators);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return ANNOTATIONS;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<TypeElement> models = new TreeSet<>(Comparator.comparing(t -> t.getQualifiedName().toString()));
        for (TypeElement annotation : annotations) {
            for (Element member : round.getElementsAnnotatedWith(annotation)) {
                if (member.getEnclosingElement() instanceof TypeElement model) {
                    models.add(model);
                }
            }
        }
        ModelReader reader = new ModelReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                processingEnv.getMessager());
        for (TypeElement model : models) {
            try {
                Optional<ModelSpec> spec = reader.read(model);
                if (spec.isPresent()) {
                    for (Function<ModelSpec, JavaFile> generator : generators) {
                        write(generator.apply(spec.get()), model);
                    }
                }
            } catch (IOException | RuntimeException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, ErrorId.INTERNAL_ERROR.message(
                        "RotoGrad4J's processor failed on " + model.getQualifiedName() + ": " + trace), model);
            }
        }
        return false;
    }

    private void write(JavaFile file, TypeElement origin) throws IOException {
        String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
        JavaFileObject source = processingEnv.getFiler().createSourceFile(name, origin);
        try (Writer writer = source.openWriter()) {
            file.writeTo(writer);
        }
    }
}
