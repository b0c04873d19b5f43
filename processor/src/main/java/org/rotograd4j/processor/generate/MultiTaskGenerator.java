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
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.rotograd4j.annotations.Rotate;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.processor.model.GeneratedNames;
import org.rotograd4j.processor.model.HeadSpec;
import org.rotograd4j.processor.model.ModelSpec;
import org.rotograd4j.processor.model.RotationSpec;
import org.rotograd4j.processor.model.TaskName;

/**
 * Generates {@code <Model>MultiTask}: the task names as constants, {@code block(model)} that wires backbone,
 * rotations and heads into a {@code MultiTaskModel}, and the {@code Outputs} record for typed access to
 * each task's output. The reader has checked that no two of its Java names are the same.
 */
public final class MultiTaskGenerator {

    private static final TypeName STRING_LIST = ParameterizedTypeName.get(ClassName.get(List.class),
            ClassName.get(String.class));

    /**
     * Returns the name of the class generated for a model.
     *
     * @param model the model
     * @return the generated class's name, in the model's package
     */
    public static ClassName className(ModelSpec model) {
        return ClassName.get(model.packageName(), GeneratedNames.multiTask(model.simpleNames()));
    }

    /** Returns the model class itself. */
    static ClassName modelClass(ModelSpec model) {
        List<String> names = model.simpleNames();
        return ClassName.get(model.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
    }

    /**
     * Generates the source file.
     *
     * @param model the model, validated
     * @return the source file of the generated class
     */
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
                    .addJavadoc("Task $L.\n", Javadoc.code(task.name()))
                    .initializer("$S", task.name())
                    .build());
        }
        for (HeadSpec head : model.heads()) {
            if (head instanceof HeadSpec.Family family) {
                type.addField(FieldSpec.builder(STRING_LIST, GeneratedNames.familyTasks(family.factory()),
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The tasks whose heads {@code $L(int)} makes, in index order.\n", family.factory())
                        .initializer("$T.of($L)", List.class, constants(family.tasks()))
                        .build());
            }
        }
        type.addField(FieldSpec.builder(STRING_LIST, GeneratedNames.ALL_TASKS, Modifier.PUBLIC, Modifier.STATIC,
                        Modifier.FINAL)
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
                .addJavadoc("Builds the multi-task block of {@code model}; initialize it before training.\n\n"
                        + "@param model the model whose annotated members give the backbone and the heads\n"
                        + "@return the multi-task block, set up as annotated\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(MULTI_TASK_MODEL)
                .addParameter(modelClass, "model")
                .addStatement("return builder(model).build()")
                .build();
    }

    private static MethodSpec builderMethod(ModelSpec model, ClassName modelClass) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("builder")
                .addJavadoc("Returns a builder of the multi-task block of {@code model}, set up as annotated; change\n"
                        + "what you need (the rotation, for example) before {@code build()}.\n\n"
                        + "@param model the model whose annotated members give the backbone and the heads\n"
                        + "@return the builder, with the backbone, the heads and the rotation set\n")
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
                String list = GeneratedNames.familyTasks(family.factory());
                method.beginControlFlow("for (int i = 0; i < $L.size(); i++)", list)
                        .addStatement("$T name = $L.get(i)", String.class, list)
                        .addStatement("builder.addTask($L)", task(CodeBlock.of("name"),
                                CodeBlock.of("model.$L(i)", family.factory()), family, "model"))
                        .endControlFlow();
            }
        }
        if (model.rotation() != null) {
            method.addStatement("builder.optRotation($L, $T.$L, $T.$L, $LL)", model.rotation().dims(), FEATURE_AXIS,
                    model.rotation().axis().name(), ROTATION_INIT,
                    model.rotation().start() == Rotate.Start.IDENTITY ? "IDENTITY" : "HAAR", model.rotation().seed());
            if (model.rotation().blocks() > 1) {
                method.addStatement("builder.optRotationBlocks($L)", model.rotation().blocks());
            }
            if (model.rotation().parametrization() != Rotate.Parametrization.EXPONENTIAL) {
                method.addStatement("builder.optRotationParametrization($T.$L)", RuntimeTypes.ROTATION_PARAMETRIZATION,
                        model.rotation().parametrization().name());
            }
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
        ClassName outputs = className(model).nestedClass(GeneratedNames.OUTPUTS);
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        CodeBlock.Builder arguments = CodeBlock.builder();
        List<TaskName> tasks = model.tasks();
        for (int k = 0; k < tasks.size(); k++) {
            constructor.addParameter(ParameterSpec.builder(NDARRAY, tasks.get(k).component())
                    .addJavadoc("the output of task $L\n", Javadoc.code(tasks.get(k).name()))
                    .build());
            arguments.add(k == 0 ? "" : ",$W").add("outputs.get($L)", k);
        }
        MethodSpec of = MethodSpec.methodBuilder("of")
                .addJavadoc("Names the outputs of the multi-task block, one array per task in task order.\n\n"
                        + "@param outputs the outputs of the multi-task block, in the order of {@link $T#$L}\n"
                        + "@return the outputs, by name\n"
                        + "@throws IllegalArgumentException if there is not one output per task\n",
                        className(model), GeneratedNames.ALL_TASKS)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(outputs)
                .addParameter(NDLIST, "outputs")
                .beginControlFlow("if (outputs.size() != $L.size())", GeneratedNames.ALL_TASKS)
                .addStatement("throw new $T(\"expected one output per task \" + $L + \", got \" + outputs.size())",
                        IllegalArgumentException.class, GeneratedNames.ALL_TASKS)
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

    private static CodeBlock constants(List<TaskName> tasks) {
        return tasks.stream().map(t -> CodeBlock.of("$L", t.constant())).collect(CodeBlock.joining(",$W"));
    }

    private static String axisWord(RotationSpec rotation) {
        return rotation.axis() == Rotate.Axis.CHANNELS ? "channels" : "features";
    }
}
