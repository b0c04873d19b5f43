package org.rotograd4j.processor.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.rotograd4j.processor.model.GeneratedNames;
import org.rotograd4j.processor.model.HeadSpec;
import org.rotograd4j.processor.model.LossSpec;
import org.rotograd4j.processor.model.Member;
import org.rotograd4j.processor.model.ModelSpec;
import org.rotograd4j.processor.model.RotationSpec;
import org.rotograd4j.processor.model.TaskName;

/**
 * Reads an annotated model class into a {@link ModelSpec}. Every mistake is reported, not only the first;
 * the result is empty when there was any. The Java names that the generated classes will declare are
 * checked here too, so that generation never meets a clash.
 */
public final class ModelReader {

    private static final String BLOCK = "ai.djl.nn.Block";
    private static final String LOSS = "ai.djl.training.loss.Loss";
    private static final String UNRESOLVED_FIX = "declare or import it, or check that the annotation processor "
            + "that generates it runs";

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

    /**
     * Returns whether a type that the checks of a model class need is not resolved yet: the type of an
     * annotated member, or the return type of a custom loss method. Another annotation processor may
     * generate it in a later round; until then, {@link #read} would report mistakes that are none.
     *
     * @param type a class with annotated members
     * @return whether to read the class in a later round
     */
    public boolean waitsForTypes(TypeElement type) {
        Set<String> lossMethods = new HashSet<>();
        for (Element member : type.getEnclosedElements()) {
            for (Class<?> annotation : List.of(SharedBackbone.class, TaskHead.class, TaskHeads.class)) {
                AnnotationValues values = AnnotationValues.find(member, annotation.getCanonicalName(), elements);
                if (values != null && isUnresolved(typeOf(member))) {
                    return true;
                }
                if (values != null && annotation != SharedBackbone.class) {
                    lossMethods.add(values.stringValue("lossMethod"));
                }
            }
        }
        for (Element member : type.getEnclosedElements()) {
            for (String method : lossMethods) {
                if (isLossCandidate(member, method) && isUnresolved(typeOf(member))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the type of a field, or the return type of a method. */
    private static TypeMirror typeOf(Element member) {
        return member.getKind() == ElementKind.METHOD ? ((ExecutableElement) member).getReturnType() : member.asType();
    }

    /** Whether a member is a method without parameters of the given name: what lossMethod names. */
    private static boolean isLossCandidate(Element member, String method) {
        return member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(method)
                && ((ExecutableElement) member).getParameters().isEmpty();
    }

    /** Whether a type, or one of its supertypes, could not be resolved (so far). */
    private boolean isUnresolved(TypeMirror type) {
        return isUnresolved(type, new HashSet<>());
    }

    private boolean isUnresolved(TypeMirror type, Set<Element> seen) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        return type.getKind() == TypeKind.DECLARED && seen.add(types.asElement(type))
                && types.directSupertypes(type).stream().anyMatch(supertype -> isUnresolved(supertype, seen));
    }

    /**
     * Who gives a Java name of the generated code, and where to report a clash: the annotation and, when
     * written, its value; neither for the names the generated code declares itself.
     */
    private record Claim(String owner, AnnotationValues annotation, AnnotationValue value) {}

    /** The state of reading one class. */
    private final class Reading {
        private final TypeElement type;
        private final Diagnostics diagnostics = new Diagnostics(messager);
        private final List<HeadSpec> heads = new ArrayList<>();
        private final Map<String, AnnotationValues> taskNames = new HashMap<>();
        /** The static fields of {@code <Model>MultiTask}, by name. */
        private final Map<String, Claim> constants = new HashMap<>();
        /** The components of {@code <Model>MultiTask.Outputs}, by name. */
        private final Map<String, Claim> components = new HashMap<>();
        private Member backbone;
        private RotationSpec rotation;
        private int headAnnotations;

        Reading(TypeElement type) {
            this.type = type;
            constants.put(GeneratedNames.ALL_TASKS, new Claim("the list of all tasks", null, null));
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
            int blocks = rotate.intValue("blocks");
            if (blocks <= 0 || dims % blocks != 0) {
                diagnostics.error(ErrorId.ROTATE_BLOCKS, "@Rotate(blocks = " + blocks + ") must be positive and divide "
                        + "dims = " + dims, member, rotate.mirror(), rotate.written("blocks"));
                return null;
            }
            return new RotationSpec(dims, Rotate.Axis.valueOf(rotate.enumValue("axis")),
                    Rotate.Start.valueOf(rotate.enumValue("start")), rotate.longValue("seed"), blocks,
                    Rotate.Parametrization.valueOf(rotate.enumValue("parametrization")));
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
            if (!name.isBlank()) {
                valid &= register(task, annotation, annotation.written("name"));
            }
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
            String factory = member.getSimpleName().toString();
            valid &= claim(constants, GeneratedNames.familyTasks(factory), "the constant",
                    new Claim("the task list of @TaskHeads " + factory + "(int)", annotation, null));
            List<TaskName> tasks = new ArrayList<>();
            if (names.isEmpty()) {
                AnnotationValue origin = annotation.written("prefix") != null
                        ? annotation.written("prefix") : annotation.written("count");
                for (int i = 0; i < count; i++) {
                    TaskName task = TaskName.of(annotation.stringValue("prefix") + i);
                    valid &= register(task, annotation, origin);
                    tasks.add(task);
                }
            } else {
                for (int i = 0; i < names.size(); i++) {
                    TaskName task = TaskName.of(names.get(i));
                    AnnotationValue origin = annotation.writtenElement("names", i);
                    if (task.name().isBlank()) {
                        diagnostics.error(ErrorId.BLANK_TASK_NAME, "a task name in @TaskHeads(names) is blank", member,
                                annotation.mirror(), origin);
                        valid = false;
                    } else {
                        valid &= register(task, annotation, origin);
                    }
                    tasks.add(task);
                }
            }
            LossSpec loss = readLoss(member, annotation);
            double weight = readWeight(member, annotation);
            if (valid && loss != null && weight > 0) {
                heads.add(new HeadSpec.Family(List.copyOf(tasks), factory, loss, weight, metrics(annotation)));
            }
        }

        /**
         * Records a task and its Java names; reports it when the name was seen before, or when one of its
         * Java names is already taken.
         */
        private boolean register(TaskName task, AnnotationValues annotation, AnnotationValue origin) {
            if (taskNames.putIfAbsent(task.name(), annotation) != null) {
                diagnostics.error(ErrorId.DUPLICATE_TASK_NAME, "task name '" + task.name() + "' is used twice: every "
                        + "task needs its own name", annotation.element(), annotation.mirror(), origin);
                return false;
            }
            Claim claim = new Claim("task '" + task.name() + "'", annotation, origin);
            Claim constantOwner = constants.putIfAbsent(task.constant(), claim);
            Claim componentOwner = components.putIfAbsent(task.component(), claim);
            if (constantOwner != null) {
                reportCollision(constantOwner, claim, "the constant " + task.constant());
            }
            if (componentOwner != null && componentOwner != constantOwner) {
                reportCollision(componentOwner, claim, "the component " + task.component() + " of record "
                        + GeneratedNames.OUTPUTS);
            }
            return constantOwner == null && componentOwner == null;
        }

        /** Takes a Java name of the generated code; reports it when it is already taken. */
        private boolean claim(Map<String, Claim> names, String name, String what, Claim claim) {
            Claim owner = names.putIfAbsent(name, claim);
            if (owner != null) {
                reportCollision(owner, claim, what + " " + name);
            }
            return owner == null;
        }

        /** Reports the later of two claims on one Java name, on its annotation value. */
        private void reportCollision(Claim earlier, Claim later, String what) {
            diagnostics.error(ErrorId.NAME_COLLISION, earlier.owner() + " and " + later.owner() + " would both be "
                    + what + " in the generated " + GeneratedNames.multiTask(simpleNames()) + ": rename "
                    + (earlier.annotation() == null ? "the task" : "one of them"), later.annotation().element(),
                    later.annotation().mirror(), later.value());
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
                if (!isLossCandidate(candidate, method)) {
                    continue;
                }
                TypeMirror returned = ((ExecutableElement) candidate).getReturnType();
                if (isUnresolved(returned)) {
                    diagnostics.error(ErrorId.UNRESOLVED_TYPE, "lossMethod = \"" + method + "\" returns " + returned
                            + ", which could not be resolved: " + UNRESOLVED_FIX, member, annotation.mirror(), written);
                    return null;
                }
                if (!candidate.getModifiers().contains(Modifier.PRIVATE)
                        && !candidate.getModifiers().contains(Modifier.STATIC)
                        && loss != null && types.isAssignable(returned, loss.asType())) {
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
            TypeMirror memberType = typeOf(member);
            TypeElement block = elements.getTypeElement(BLOCK);
            if (block == null) {
                diagnostics.error(ErrorId.NOT_A_BLOCK, BLOCK + " is not on the compile classpath: add DJL's "
                        + "ai.djl:api dependency", member, annotation.mirror());
                valid = false;
            } else if (isUnresolved(memberType)) {
                diagnostics.error(ErrorId.UNRESOLVED_TYPE, what + " member " + member.getSimpleName() + " has type "
                        + memberType + ", which could not be resolved: " + UNRESOLVED_FIX, member, annotation.mirror());
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
