package org.rotograd4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHead;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.processor.generate.MultiTaskGenerator;
import org.rotograd4j.processor.generate.TrainingGenerator;
import org.rotograd4j.processor.model.GeneratedNames;
import org.rotograd4j.processor.model.ModelSpec;
import org.rotograd4j.processor.read.ErrorId;
import org.rotograd4j.processor.read.ModelReader;

/**
 * Checks every class with {@code @SharedBackbone}, {@code @TaskHead}, {@code @TaskHeads} or {@code @Rotate}
 * members and generates its {@code <Model>MultiTask} and {@code <Model>Training}. The pipeline is visible
 * in the packages: {@code read} turns the class into a plain {@code model}, {@code generate} writes the
 * sources from it.
 *
 * <p>A class that needs a type no processor has generated yet waits for a later round; only if the type is
 * still missing when processing is over are its errors reported. Each generated file has its model class
 * as the one originating element, so the processor is isolating for Gradle's incremental compilation.
 */
@AutoService(Processor.class)
public final class RotoGradProcessor extends AbstractProcessor {

    private static final Set<String> ANNOTATIONS = Set.of(SharedBackbone.class.getCanonicalName(),
            TaskHead.class.getCanonicalName(), TaskHeads.class.getCanonicalName(), Rotate.class.getCanonicalName());

    private final List<Function<ModelSpec, JavaFile>> generators;
    /** The canonical names of the models that wait for types another processor may still generate. */
    private final Set<String> waiting = new LinkedHashSet<>();
    /** The model that each generated multi-task class was generated for, by their canonical names. */
    private final Map<String, String> modelsByGeneratedName = new HashMap<>();

    /** Creates the processor with its two generators. */
    public RotoGradProcessor() {
        this(List.of(new MultiTaskGenerator()::generate, new TrainingGenerator()::generate));
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
        for (String name : waiting) {
            models.add(processingEnv.getElementUtils().getTypeElement(name));
        }
        waiting.clear();
        ModelReader reader = new ModelReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                processingEnv.getMessager());
        for (TypeElement model : models) {
            if (!round.processingOver() && isFoundByName(model) && reader.waitsForTypes(model)) {
                waiting.add(model.getQualifiedName().toString());
                continue;
            }
            try {
                Optional<ModelSpec> spec = reader.read(model);
                if (spec.isPresent() && isFirstWithItsGeneratedNames(spec.get(), model)) {
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

    /** Whether a later round can find the class again by its canonical name: local classes have none. */
    private static boolean isFoundByName(TypeElement model) {
        for (Element e = model; e instanceof TypeElement type; e = e.getEnclosingElement()) {
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records the classes generated for a model; reports it when another model already has their names
     * ({@code A_B} and {@code A.B}).
     */
    private boolean isFirstWithItsGeneratedNames(ModelSpec spec, TypeElement model) {
        String multiTask = spec.packageName() + "." + GeneratedNames.multiTask(spec.simpleNames());
        String other = modelsByGeneratedName.putIfAbsent(multiTask, model.getQualifiedName().toString());
        if (other != null) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, ErrorId.NAME_COLLISION.message("models "
                    + other + " and " + model.getQualifiedName() + " would both generate the classes "
                    + GeneratedNames.multiTask(spec.simpleNames()) + " and " + GeneratedNames.training(spec.simpleNames())
                    + ": rename one of them"), model);
        }
        return other == null;
    }

    private void write(JavaFile file, TypeElement origin) throws IOException {
        String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
        JavaFileObject source = processingEnv.getFiler().createSourceFile(name, origin);
        try (Writer writer = source.openWriter()) {
            file.writeTo(writer);
        }
    }
}
