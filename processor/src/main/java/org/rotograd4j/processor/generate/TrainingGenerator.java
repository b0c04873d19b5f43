package org.rotograd4j.processor.generate;

import static org.rotograd4j.processor.generate.RuntimeTypes.BLOCK;
import static org.rotograd4j.processor.generate.RuntimeTypes.DATASET;
import static org.rotograd4j.processor.generate.RuntimeTypes.EPOCH_SUMMARY;
import static org.rotograd4j.processor.generate.RuntimeTypes.NDLIST;
import static org.rotograd4j.processor.generate.RuntimeTypes.TRAINING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.rotograd4j.processor.model.GeneratedNames;
import org.rotograd4j.processor.model.ModelSpec;

/**
 * Generates {@code <Model>Training}, a whole training of the model: a builder (input shapes, device, data type
 * and the {@code MultiTaskConfig}), then fit, evaluate, typed predictions, the single-task path, save and load.
 */
public final class TrainingGenerator {

    /**
     * Returns the name of the class generated for a model.
     *
     * @param model the model
     * @return the generated class's name, in the model's package
     */
    public static ClassName className(ModelSpec model) {
        return ClassName.get(model.packageName(), GeneratedNames.training(model.simpleNames()));
    }

    /**
     * Generates the source file.
     *
     * @param model the model, validated
     * @return the source file of the generated class
     */
    public JavaFile generate(ModelSpec model) {
        ClassName self = className(model);
        ClassName multiTask = MultiTaskGenerator.className(model);
        ClassName modelClass = MultiTaskGenerator.modelClass(model);
        ClassName outputs = multiTask.nestedClass(GeneratedNames.OUTPUTS);
        TypeSpec type = TypeSpec.classBuilder(self)
                .addJavadoc("A whole training of {@link $T} with a multi-task method ($L by default).\n\n"
                        + "<pre>{@code\n"
                        + "try ($T training = $T.builder(new $T())\n"
                        + "        .setInputShapes(inputShape)\n"
                        + "        .optConfig($T.builder().optEpochs(10).build())\n"
                        + "        .build()) {\n"
                        + "    training.fit(trainSet, validationSet);\n"
                        + "}\n"
                        + "}</pre>\n\n"
                        + "Each batch's labels hold one array per task, in the order of {@link $T#$L}.\n",
                        modelClass, model.rotation() == null ? "Vanilla" : "RotoGrad", self, self, modelClass,
                        RuntimeTypes.CONFIG, multiTask, GeneratedNames.ALL_TASKS)
                .addAnnotation(RuntimeTypes.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addField(TRAINING, "training", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(TRAINING, "training")
                        .addStatement("this.training = training")
                        .build())
                .addMethod(MethodSpec.methodBuilder("builder")
                        .addJavadoc("Starts a training of {@code model}: set the input shapes, then the configuration.\n\n"
                                + "@param model the model to train\n"
                                + "@return the builder of the training\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(ParameterizedTypeName.get(TRAINING.nestedClass("Builder"), self))
                        .addParameter(modelClass, "model")
                        .addStatement("return builder($T.block(model))", multiTask)
                        .build())
                .addMethod(MethodSpec.methodBuilder("builder")
                        .addJavadoc("Starts a training of a block built with {@link $T#builder}, changed where needed.\n\n"
                                + "@param block the multi-task block to train\n"
                                + "@return the builder of the training\n", multiTask)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(ParameterizedTypeName.get(TRAINING.nestedClass("Builder"), self))
                        .addParameter(RuntimeTypes.MULTI_TASK_MODEL, "block")
                        .addStatement("return $T.builder(block, $T::new)", TRAINING, self)
                        .build())
                .addMethod(MethodSpec.methodBuilder("fit")
                        .addJavadoc("Trains for the configured epochs, reporting each task's loss and metrics.\n\n"
                                + "@param train the training data\n"
                                + "@param validation the validation data, or {@code null}\n"
                                + "@return one summary per epoch completed by this call\n"
                                + "@throws IOException if the data cannot be read or a checkpoint cannot be written\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(List.class), EPOCH_SUMMARY))
                        .addParameter(DATASET, "train")
                        .addParameter(DATASET, "validation")
                        .addException(IOException.class)
                        .addStatement("return training.fit(train, validation)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("evaluate")
                        .addJavadoc("Returns each task's loss and metrics on {@code data}, keyed {@code <task>_<metric>}.\n\n"
                                + "@param data the data\n"
                                + "@return the values, keyed {@code <task>_loss} and {@code <task>_<metric>}, in task order\n"
                                + "@throws IOException if the data cannot be read\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(Map.class, String.class, Double.class))
                        .addParameter(DATASET, "data")
                        .addException(IOException.class)
                        .addStatement("return training.evaluate(data)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("predict")
                        .addJavadoc("Predicts every task for a batch of inputs.\n\n"
                                + "@param inputs the backbone's inputs\n"
                                + "@return the output of each task, in the inputs' manager\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(outputs)
                        .addParameter(NDLIST, "inputs")
                        .addStatement("return $T.of(training.predict(inputs))", outputs)
                        .build())
                .addMethod(MethodSpec.methodBuilder("taskBlock")
                        .addJavadoc("Returns the inference path of one task (backbone, its rotation, its head).\n\n"
                                + "@param task the task's name, one of {@link $T#$L}\n"
                                + "@return the block, which shares the model's parameters\n"
                                + "@throws IllegalArgumentException if there is no task of that name\n",
                                multiTask, GeneratedNames.ALL_TASKS)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(BLOCK)
                        .addParameter(String.class, "task")
                        .addStatement("return training.model().taskBlock(training.model().taskIndex(task))")
                        .build())
                .addMethod(MethodSpec.methodBuilder("save")
                        .addJavadoc("Saves the whole training state to one checkpoint file, atomically: parameters (rotations\n"
                                + "included), optimizers, method state and the position of {@link #fit}.\n\n"
                                + "@param file where to write; a file there is replaced only once the new one is complete\n"
                                + "@throws IOException if it cannot be written\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(Path.class, "file")
                        .addException(IOException.class)
                        .addStatement("training.save(file)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("load")
                        .addJavadoc("Restores a checkpoint written by {@link #save}, checked whole before anything changes;\n"
                                + "a following {@link #fit} continues where it stood.\n\n"
                                + "@param file the checkpoint\n"
                                + "@throws IOException if it cannot be read or does not fit this training\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(Path.class, "file")
                        .addException(IOException.class)
                        .addStatement("training.load(file)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("training")
                        .addJavadoc("Returns the underlying training: model, batch trainer, method and fit loop.\n\n"
                                + "@return the training\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TRAINING)
                        .addStatement("return training")
                        .build())
                .addMethod(MethodSpec.methodBuilder("close")
                        .addJavadoc("Frees the model's native memory.\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addStatement("training.close()")
                        .build())
                .build();
        return JavaFile.builder(model.packageName(), type).skipJavaLangImports(true).indent("    ").build();
    }
}
