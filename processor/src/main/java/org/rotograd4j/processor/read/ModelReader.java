package org.rotograd4j.processor.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.SharedBackbone;
import org.rotograd4j.annotations.TaskHead;
import org.rotograd4j.annotations.TaskHeads;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;
import org.rotograd4j.processor.model.HeadSpec;
import org.rotograd4j.processor.model.LossSpec;
import org.rotograd4j.processor.model.Member;
import org.rotograd4j.processor.model.ModelSpec;
import org.rotograd4j.processor.model.RotationSpec;
import org.rotograd4j.processor.model.TaskName;

/**
 * Reads an annotated model class into a {@link ModelSpec}. Every mistake is reported, not only the first;
 * the result is empty when there was any.
 */
public final class ModelReader {

    private static final String BLOCK = "ai.djl.nn.Block";
    private static final String LOSS = "ai.djl.training.loss.Loss";

    private final Elements elements;
    private final Types types;
    private final Messager messager;

    /**
     * Creates a reader.
     *
     * @param elements the compiler's element utilities
     * @param types the compiler's type utilities
     * @param messager where errors go
     */
    public ModelReader(Elements elements, Types types, Messager messager) {
        this.elements = elements;
        this.types = types;
        this.messager = messager;
    }

    /**
     * Reads and checks a model class.
     *
     * @param type a class with annotated members
     * @return the model, or empty when an error was reported
     */
    public Optional<ModelSpec> read(TypeElement type) {
        return new Reading(type).run();
    }

    /** The state of reading one class. */
    private final class Reading {
        private final TypeElement type;
        private final Diagnostics diagnostics = new Diagnostics(messager);
        private final List<HeadSpec> heads = new ArrayList<>();
        private final Map<String, AnnotationValues> taskNames = new HashMap<>();
        private final Map<String, String> javaNames = new HashMap<>();
        private Member backbone;
        private RotationSpec rotation;
        private int headAnnotations;

        Reading(TypeElement type) {
            this.type = type;
        }

        Optional<ModelSpec> run() {
            checkClass();
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.METHOD) {
                    readMember(member);
                }
            }
            if (backbone == null && headAnnotations > 0 && !hasBackboneAnnotation()) {
                diagnostics.error(ErrorId.MISSING_BACKBONE, "model " + type.getSimpleName() + " has task heads but no "
                        + "@SharedBackbone: annotate the member that gives the shared network", type);
            }
            if (hasBackboneAnnotation() && headAnnotations == 0) {
                diagnostics.error(ErrorId.MISSING_HEADS, "model " + type.getSimpleName() + " has a @SharedBackbone but no"
                        + " task heads: annotate each head with @TaskHead, or a head factory with @TaskHeads", type);
            }
            if (diagnostics.failed()) {
                return Optional.empty();
            }
            return Optional.of(new ModelSpec(packageName(), simpleNames(), backbone, rotation, List.copyOf(heads)));
        }

        private boolean hasBackboneAnnotation() {
            return type.getEnclosedElements().stream().anyMatch(e -> find(e, SharedBackbone.class) != null);
        }

        private void checkClass() {
            if (type.getKind() == ElementKind.INTERFACE || type.getModifiers().contains(Modifier.ABSTRACT)) {
                diagnostics.error(ErrorId.ABSTRACT_MODEL, "model " + type.getSimpleName() + " is abstract; the generated "
                        + "trainer takes an instance of it: make it a concrete class", type);
            }
            if (!type.getTypeParameters().isEmpty()) {
                diagnostics.error(ErrorId.GENERIC_MODEL, "model " + type.getSimpleName() + " has type parameters, which "
                        + "are not supported: annotate a concrete subclass that fixes them", type);
            }
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                diagnostics.error(ErrorId.INACCESSIBLE_MODEL, "a local or anonymous class cannot be a model: declare it "
                        + "as a top-level or member class", type);
            }
            for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
                if (e.getModifiers().contains(Modifier.PRIVATE)) {
                    diagnostics.error(ErrorId.INACCESSIBLE_MODEL, "class " + e.getSimpleName() + " is private, so the "
                            + "generated classes beside it cannot use model " + type.getSimpleName()
                            + ": make it package-private or public", type);
                    break;
                }
            }
        }

        private void readMember(Element member) {
            AnnotationValues backboneAnnotation = find(member, SharedBackbone.class);
            AnnotationValues rotate = find(member, Rotate.class);
            AnnotationValues head = find(member, TaskHead.class);
            AnnotationValues family = find(member, TaskHeads.class);
            if (backboneAnnotation != null) {
                readBackbone(member, backboneAnnotation, rotate);
            } else if (rotate != null) {
                diagnostics.error(ErrorId.ROTATE_WITHOUT_BACKBONE, "@Rotate belongs on the @SharedBackbone member: "
                        + member.getSimpleName() + " is not annotated @SharedBackbone", member, rotate.mirror());
            }
            if (head != null) {
                headAnnotations++;
                readHead(member, head);
            }
            if (family != null) {
                headAnnotations++;
                readFamily(member, family);
            }
        }

        private void readBackbone(Element member, AnnotationValues annotation, AnnotationValues rotate) {
            if (backbone != null) {
                diagnostics.error(ErrorId.DUPLICATE_BACKBONE, "a model has one @SharedBackbone, but "
                        + member.getSimpleName() + " is a second one besides " + backbone.name(), member,
                        annotation.mirror());
                return;
            }
            boolean valid = checkMember(member, annotation, "@SharedBackbone") & checkNoParameters(member, annotation);
            int featureSize = annotation.intValue("featureSize");
            if (featureSize < 0) {
                diagnostics.error(ErrorId.INVALID_FEATURE_SIZE, "featureSize must be positive, or 0 when not known; got "
                        + featureSize, member, annotation.mirror(), annotation.written("featureSize"));
            }
            if (rotate != null) {
                rotation = readRotation(member, rotate, featureSize);
            }
            if (valid) {
                backbone = new Member(member.getSimpleName().toString(), member.getKind() == ElementKind.METHOD);
            }
        }

        private RotationSpec readRotation(Element member, AnnotationValues rotate, int featureSize) {
            int dims = rotate.intValue("dims");
            AnnotationValue written = rotate.written("dims");
            if (dims <= 0) {
                diagnostics.error(ErrorId.ROTATE_DIMS_NOT_POSITIVE, "@Rotate(dims) must be positive, got " + dims
                        + ": give the number of leading features to rotate", member, rotate.mirror(), written);
                return null;
            }
            if (featureSize > 0 && dims > featureSize) {
                diagnostics.error(ErrorId.ROTATE_DIMS_TOO_LARGE, "@Rotate(dims = " + dims + ") is larger than the shared "
                        + "feature (featureSize = " + featureSize + "): rotate at most " + featureSize + " features",
                        member, rotate.mirror(), written);
                return null;
            }
            return new RotationSpec(dims, Rotate.Axis.valueOf(rotate.enumValue("axis")),
                    Rotate.Start.valueOf(rotate.enumValue("start")), rotate.longValue("seed"));
        }

        private void readHead(Element member, AnnotationValues annotation) {
            boolean valid = checkMember(member, annotation, "@TaskHead") & checkNoParameters(member, annotation);
            String name = annotation.stringValue("name");
            if (name.isEmpty()) {
                name = member.getSimpleName().toString();
            } else if (name.isBlank()) {
                diagnostics.error(ErrorId.BLANK_TASK_NAME, "a task name must not be blank: give a name or leave it out "
                        + "to use the member's name", member, annotation.mirror(), annotation.written("name"));
                valid = false;
            }
            LossSpec loss = readLoss(member, annotation);
            double weight = readWeight(member, annotation);
            TaskName task = TaskName.of(name);
            valid &= register(task, annotation, "name");
            if (valid && loss != null && weight > 0) {
                Member head = new Member(member.getSimpleName().toString(), member.getKind() == ElementKind.METHOD);
                heads.add(new HeadSpec.Single(task, head, loss, weight, metrics(annotation)));
            }
        }

        private void readFamily(Element member, AnnotationValues annotation) {
            boolean valid = checkMember(member, annotation, "@TaskHeads");
            if (member.getKind() != ElementKind.METHOD
                    || ((ExecutableElement) member).getParameters().size() != 1
                    || ((ExecutableElement) member).getParameters().get(0).asType().getKind() != TypeKind.INT) {
                diagnostics.error(ErrorId.FAMILY_SIGNATURE, "@TaskHeads needs a method that takes the task's index: "
                        + "Block " + member.getSimpleName() + "(int index)", member, annotation.mirror());
                valid = false;
            }
            List<String> names = annotation.arrayValue("names").stream().map(String.class::cast).toList();
            int count = annotation.intValue("count");
            if (names.isEmpty() == (count <= 0) || count < 0) {
                diagnostics.error(ErrorId.FAMILY_WITHOUT_TASKS, "@TaskHeads needs either names = {...} or a positive "
                        + "count, not " + (names.isEmpty() ? "neither" : "both"), member, annotation.mirror());
                valid = false;
            }
            List<TaskName> tasks = new ArrayList<>();
            if (names.isEmpty()) {
                for (int i = 0; i < count; i++) {
                    tasks.add(TaskName.of(annotation.stringValue("prefix") + i));
                }
            } else {
                for (String name : names) {
                    if (name.isBlank()) {
                        diagnostics.error(ErrorId.BLANK_TASK_NAME, "a task name in @TaskHeads(names) is blank", member,
                                annotation.mirror(), annotation.written("names"));
                        valid = false;
                    }
                    tasks.add(TaskName.of(name));
                }
            }
            for (TaskName task : tasks) {
                valid &= register(task, annotation, names.isEmpty() ? "prefix" : "names");
            }
            LossSpec loss = readLoss(member, annotation);
            double weight = readWeight(member, annotation);
            if (valid && loss != null && weight > 0) {
                heads.add(new HeadSpec.Family(List.copyOf(tasks), member.getSimpleName().toString(), loss, weight,
                        metrics(annotation)));
            }
        }

        /** Records a task name; reports it when the name or its Java names were seen before. */
        private boolean register(TaskName task, AnnotationValues annotation, String attribute) {
            AnnotationValues first = taskNames.putIfAbsent(task.name(), annotation);
            String clash = javaNames.putIfAbsent(task.constant(), task.name());
            if (first != null || clash != null) {
                String other = first != null ? "" : " (both become the Java name " + task.constant() + " with '" + clash + "')";
                diagnostics.error(ErrorId.DUPLICATE_TASK_NAME, "task name '" + task.name() + "' is used twice" + other
                        + ": every task needs its own name", annotation.element(), annotation.mirror(),
                        annotation.written(attribute));
                return false;
            }
            return true;
        }

        private LossSpec readLoss(Element member, AnnotationValues annotation) {
            TaskLoss kind = TaskLoss.valueOf(annotation.enumValue("loss"));
            String method = annotation.stringValue("lossMethod");
            AnnotationValue written = annotation.written("lossMethod");
            if (kind != TaskLoss.CUSTOM) {
                if (!method.isEmpty()) {
                    diagnostics.error(ErrorId.CUSTOM_LOSS, "lossMethod is only read with loss = TaskLoss.CUSTOM: set "
                            + "loss = TaskLoss.CUSTOM or remove lossMethod", member, annotation.mirror(), written);
                    return null;
                }
                return new LossSpec(kind, null);
            }
            if (method.isEmpty()) {
                diagnostics.error(ErrorId.CUSTOM_LOSS, "loss = TaskLoss.CUSTOM needs lossMethod: the name of a method "
                        + "of " + type.getSimpleName() + " without parameters that returns the task's Loss", member,
                        annotation.mirror());
                return null;
            }
            TypeElement loss = elements.getTypeElement(LOSS);
            for (Element candidate : type.getEnclosedElements()) {
                if (candidate.getKind() == ElementKind.METHOD && candidate.getSimpleName().contentEquals(method)
                        && ((ExecutableElement) candidate).getParameters().isEmpty()
                        && !candidate.getModifiers().contains(Modifier.PRIVATE)
                        && !candidate.getModifiers().contains(Modifier.STATIC)
                        && loss != null
                        && types.isAssignable(((ExecutableElement) candidate).getReturnType(), loss.asType())) {
                    return new LossSpec(kind, method);
                }
            }
            diagnostics.error(ErrorId.CUSTOM_LOSS, "lossMethod = \"" + method + "\" names no method of "
                    + type.getSimpleName() + " that is non-private, non-static, without parameters and returns "
                    + LOSS, member, annotation.mirror(), written);
            return null;
        }

        private double readWeight(Element member, AnnotationValues annotation) {
            double weight = annotation.doubleValue("weight");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                diagnostics.error(ErrorId.INVALID_WEIGHT, "a loss weight must be a positive finite number, got " + weight,
                        member, annotation.mirror(), annotation.written("weight"));
                return 0;
            }
            return weight;
        }

        private List<TaskMetric> metrics(AnnotationValues annotation) {
            return annotation.arrayValue("metrics").stream().map(m -> TaskMetric.valueOf((String) m)).toList();
        }

        /** Checks what every annotated member needs: non-private, non-static, of type Block. */
        private boolean checkMember(Element member, AnnotationValues annotation, String what) {
            boolean valid = true;
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                diagnostics.error(ErrorId.PRIVATE_MEMBER, what + " member " + member.getSimpleName() + " is private, so "
                        + "the generated code cannot read it: make it package-private or wider", member,
                        annotation.mirror());
                valid = false;
            }
            if (member.getModifiers().contains(Modifier.STATIC)) {
                diagnostics.error(ErrorId.STATIC_MEMBER, what + " member " + member.getSimpleName() + " is static; "
                        + "each model instance needs its own blocks: make it an instance member", member,
                        annotation.mirror());
                valid = false;
            }
            TypeMirror memberType = member.getKind() == ElementKind.METHOD
                    ? ((ExecutableElement) member).getReturnType() : member.asType();
            TypeElement block = elements.getTypeElement(BLOCK);
            if (block == null) {
                diagnostics.error(ErrorId.NOT_A_BLOCK, BLOCK + " is not on the compile classpath: add DJL's "
                        + "ai.djl:api dependency", member, annotation.mirror());
                valid = false;
            } else if (!types.isAssignable(types.erasure(memberType), types.erasure(block.asType()))) {
                diagnostics.error(ErrorId.NOT_A_BLOCK, what + " member " + member.getSimpleName() + " has type "
                        + memberType + ", which is not an " + BLOCK + (member.getKind() == ElementKind.METHOD
                        ? ": return a Block" : ": declare it as a Block"), member, annotation.mirror());
                valid = false;
            }
            return valid;
        }

        private boolean checkNoParameters(Element member, AnnotationValues annotation) {
            if (member.getKind() == ElementKind.METHOD && !((ExecutableElement) member).getParameters().isEmpty()) {
                diagnostics.error(ErrorId.UNEXPECTED_PARAMETERS, "method " + member.getSimpleName() + " must not take "
                        + "parameters; for many heads made from an index, use @TaskHeads on Block "
                        + member.getSimpleName() + "(int index)", member, annotation.mirror());
                return false;
            }
            return true;
        }

        private AnnotationValues find(Element element, Class<?> annotation) {
            return AnnotationValues.find(element, annotation.getCanonicalName(), elements);
        }

        private String packageName() {
            return elements.getPackageOf(type).getQualifiedName().toString();
        }

        private List<String> simpleNames() {
            List<String> names = new ArrayList<>();
            for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
                names.add(0, e.getSimpleName().toString());
            }
            return names;
        }
    }
}
