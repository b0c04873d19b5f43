package org.rotograd4j.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import org.rotograd4j.annotations.TaskLoss;
import org.rotograd4j.annotations.TaskMetric;

/** The runtime and DJL types that generated code uses, named without depending on them. */
final class RuntimeTypes {

    static final String PROCESSOR = "org.rotograd4j.processor.RotoGradProcessor";

    static final ClassName GENERATED = ClassName.get("jakarta.annotation", "Generated");
    static final ClassName NDARRAY = ClassName.get("ai.djl.ndarray", "NDArray");
    static final ClassName NDLIST = ClassName.get("ai.djl.ndarray", "NDList");
    static final ClassName BLOCK = ClassName.get("ai.djl.nn", "Block");
    static final ClassName DATASET = ClassName.get("ai.djl.training.dataset", "Dataset");
    static final ClassName ACCURACY = ClassName.get("ai.djl.training.evaluator", "Accuracy");
    static final ClassName BINARY_ACCURACY = ClassName.get("ai.djl.training.evaluator", "BinaryAccuracy");
    static final ClassName MULTI_TASK_MODEL = ClassName.get("org.rotograd4j.train", "MultiTaskModel");
    static final ClassName TASK = ClassName.get("org.rotograd4j.train", "Task");
    static final ClassName LOSSES = ClassName.get("org.rotograd4j.loss", "Losses");
    static final ClassName BINARY_F1 = ClassName.get("org.rotograd4j.metric", "BinaryF1");
    static final ClassName FEATURE_AXIS = ClassName.get("org.rotograd4j.rotation", "FeatureAxis");
    static final ClassName ROTATION_INIT = ClassName.get("org.rotograd4j.rotation", "RotationInit");
    static final ClassName ROTATION_PARAMETRIZATION = ClassName.get("org.rotograd4j.rotation", "RotationParametrization");
    static final ClassName TRAINING = ClassName.get("org.rotograd4j.fit", "MultiTaskTraining");
    static final ClassName CONFIG = ClassName.get("org.rotograd4j.train", "MultiTaskConfig");
    static final ClassName EPOCH_SUMMARY = ClassName.get("org.rotograd4j.fit", "EpochSummary");

    private RuntimeTypes() {}

    /** {@code @Generated("...RotoGradProcessor")}, without a date, so that output is deterministic. */
    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
    }

    /** The expression that creates a task's standard loss, named by {@code name}. */
    static CodeBlock standardLoss(TaskLoss loss, CodeBlock name) {
        String factory = switch (loss) {
            case MSE -> "meanSquaredError";
            case MAE -> "meanAbsoluteError";
            case SOFTMAX_CROSS_ENTROPY -> "softmaxCrossEntropy";
            case SIGMOID_BINARY_CROSS_ENTROPY -> "sigmoidBinaryCrossEntropy";
            case CUSTOM -> throw new IllegalArgumentException("a custom loss has no standard factory");
        };
        return CodeBlock.of("$T.$L($L)", LOSSES, factory, name);
    }

    /** The expression that creates a new evaluator for a metric. */
    static CodeBlock metric(TaskMetric metric) {
        return switch (metric) {
            case ACCURACY -> CodeBlock.of("new $T($S, 1)", ACCURACY, "accuracy");
            case BINARY_ACCURACY -> CodeBlock.of("new $T($S, 0f)", BINARY_ACCURACY, "binary_accuracy");
            case F1 -> CodeBlock.of("new $T(0)", BINARY_F1);
            case MAE -> CodeBlock.of("$T.meanAbsoluteError($S)", LOSSES, "mae");
            case MSE -> CodeBlock.of("$T.meanSquaredError($S)", LOSSES, "mse");
        };
    }
}
