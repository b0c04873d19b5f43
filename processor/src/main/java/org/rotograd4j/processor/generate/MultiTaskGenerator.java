package org.rotograd4j.processor.generate;

import static org.rotograd4j.processor.generate.RuntimeTypes.FEATURE_AXIS;
import static org.rotograd4j.processor.generate.RuntimeTypes.MULTI_TASK_MODEL;
import static org.rotograd4j.processor.generate.RuntimeTypes.NDARRAY;
import static org.rotograd4j.processor.generate.RuntimeTypes.NDLIST;
import static org.rotograd4j.processor.generate.RuntimeTypes.ROTATION_INIT;
import static org.rotograd4j.processor.generate.RuntimeTypes.TASK;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.processor.model.HeadSpec;
import org.rotograd4j.processor.model.ModelSpec;
import org.rotograd4j.processor.model.RotationSpec;
import org.rotograd4j.processor.model.TaskName;

/**
 * Generates {@code <Model>MultiTask}: the task names as constants, {@code block(model)} that wires backbone,
 * rotations and heads into a {@code MultiTaskModel}, and the {@code Outputs} record for typed access to
 * each task's output.
 */
public final class MultiTaskGenerator {

    private static final TypeName STRING_LIST = ParameterizedTypeName.get(ClassName.get(List.class),
            ClassName.get(String.class));

    /** Returns the name of the class generated for a model. */
    public static ClassName className(ModelSpec model) {
        return ClassName.get(model.packageName(), model.generatedPrefix() + "MultiTask");
    }

    /** Returns the model class itself. */
    static ClassName modelClass(ModelSpec model) {
        List<String> names = model.simpleNames();
        return ClassName.get(model.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
    }

    /** Generates the source file. */
    public JavaFile generate(ModelSpec model) {
        ClassName self = className(model);
        ClassName modelClass = modelClass(model);
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addJavadoc("Multi-task wiring of {@link $T}, generated from its annotations: the task names,\n"
                        + "the multi-task block (backbone, $L, heads)\n"
                        + "and typed access to the tasks' outputs.\n",
                        modelClass, model.rotation() == null ? "no rotations"
                                : "a rotation of " + model.rotation().dims() + " " + axisWord(model.rotation()) + " per task")
                .addAnnotation(RuntimeTypes.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        for (TaskName task : model.tasks()) {
            type.addField(FieldSpec.builder(String.class, task.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Task {@code $L}.\n", task.name())
                    .initializer("$S", task.name())
                    .build());
        }
        for (HeadSpec head : model.heads()) {
            if (head instanceof HeadSpec.Family family) {
                type.addField(FieldSpec.builder(STRING_LIST, familyConstant(family), Modifier.PUBLIC, Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("The tasks whose heads {@code $L(int)} makes, in index order.\n", family.factory())
                        .initializer("$T.of($L)", List.class, constants(family.tasks()))
                        .build());
            }
        }
        type.addField(FieldSpec.builder(STRING_LIST, "TASKS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Every task, in task order: the order of outputs and of label arrays.\n")
                .initializer("$T.of($L)", List.class, constants(model.tasks()))
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethod(blockMethod(modelClass));
        type.addMethod(builderMethod(model, modelClass));
        type.addType(outputs(model));
        return JavaFile.builder(model.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static MethodSpec blockMethod(ClassName modelClass) {
        return MethodSpec.methodBuilder("block")
                .addJavadoc("Builds the multi-task block of {@code model}; initialize it before training.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(MULTI_TASK_MODEL)
                .addParameter(modelClass, "model")
                .addStatement("return builder(model).build()")
                .build();
    }

    private static MethodSpec builderMethod(ModelSpec model, ClassName modelClass) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("builder")
                .addJavadoc("Returns a builder of the multi-task block of {@code model}, set up as annotated; change\n"
                        + "what you need (the rotation, for example) before {@code build()}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(MULTI_TASK_MODEL.nestedClass("Builder"))
                .addParameter(modelClass, "model")
                .addStatement("$T.Builder builder = $T.builder().setBackbone($L)", MULTI_TASK_MODEL, MULTI_TASK_MODEL,
                        model.backbone().access("model"));
        for (HeadSpec head : model.heads()) {
            if (head instanceof HeadSpec.Single single) {
                CodeBlock name = CodeBlock.of("$L", single.task().constant());
                method.addStatement("builder.addTask($L)", task(name, CodeBlock.of("$L", single.member().access("model")),
                        single, "model"));
            } else if (head instanceof HeadSpec.Family family) {
                String list = familyConstant(family);
                method.beginControlFlow("for (int i = 0; i < $L.size(); i++)", list)
                        .addStatement("String name = $L.get(i)", list)
                        .addStatement("builder.addTask($L)", task(CodeBlock.of("name"),
                                CodeBlock.of("model.$L(i)", family.factory()), family, "model"))
                        .endControlFlow();
            }
        }
        if (model.rotation() != null) {
            method.addStatement("builder.optRotation($L, $T.$L, $T.$L, $LL)", model.rotation().dims(), FEATURE_AXIS,
                    model.rotation().axis().name(), ROTATION_INIT,
                    model.rotation().start() == Rotate.Start.IDENTITY ? "IDENTITY" : "HAAR", model.rotation().seed());
        }
        return method.addStatement("return builder").build();
    }

    private static CodeBlock task(CodeBlock name, CodeBlock head, HeadSpec spec, String model) {
        CodeBlock loss = spec.loss().kind() == TaskLoss.CUSTOM
                ? CodeBlock.of("$L.$L()", model, spec.loss().customMethod())
                : RuntimeTypes.standardLoss(spec.loss().kind(), name);
        CodeBlock metrics = spec.metrics().stream().map(RuntimeTypes::metric).collect(CodeBlock.joining(", "));
        return CodeBlock.of("new $T($L,$W$L,$W$L,$W$L,$W$T.of($L))", TASK, name, head, loss, spec.weight(), List.class,
                metrics);
    }

    private static TypeSpec outputs(ModelSpec model) {
        ClassName outputs = className(model).nestedClass("Outputs");
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        CodeBlock.Builder arguments = CodeBlock.builder();
        List<TaskName> tasks = model.tasks();
        for (int k = 0; k < tasks.size(); k++) {
            constructor.addParameter(NDARRAY, tasks.get(k).component());
            arguments.add(k == 0 ? "" : ",$W").add("outputs.get($L)", k);
        }
        MethodSpec of = MethodSpec.methodBuilder("of")
                .addJavadoc("Names the outputs of the multi-task block, one array per task in task order.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(outputs)
                .addParameter(NDLIST, "outputs")
                .beginControlFlow("if (outputs.size() != TASKS.size())")
                .addStatement("throw new $T(\"expected one output per task \" + TASKS + \", got \" + outputs.size())",
                        IllegalArgumentException.class)
                .endControlFlow()
                .addStatement("return new $T($L)", outputs, arguments.build())
                .build();
        return TypeSpec.recordBuilder(outputs)
                .addJavadoc("The output of each task, by name.\n")
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(constructor.build())
                .addMethod(of)
                .build();
    }

    private static String familyConstant(HeadSpec.Family family) {
        return TaskName.of(family.factory()).constant() + "_TASKS";
    }

    private static CodeBlock constants(List<TaskName> tasks) {
        return tasks.stream().map(t -> CodeBlock.of("$L", t.constant())).collect(CodeBlock.joining(", "));
    }

    private static String axisWord(RotationSpec rotation) {
        return rotation.axis() == Rotate.Axis.CHANNELS ? "channels" : "features";
    }
}
