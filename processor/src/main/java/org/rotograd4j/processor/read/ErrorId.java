package org.rotograd4j.processor.read;

/** The compile errors the processor reports; the id appears in brackets at the start of each message. */
public enum ErrorId {
    MISSING_BACKBONE("RG001", "the model has task heads but no @SharedBackbone"),
    DUPLICATE_BACKBONE("RG002", "more than one member is annotated @SharedBackbone"),
    MISSING_HEADS("RG003", "the model has a @SharedBackbone but no @TaskHead or @TaskHeads"),
    DUPLICATE_TASK_NAME("RG004", "two tasks have the same name"),
    NOT_A_BLOCK("RG005", "an annotated member's type is not ai.djl.nn.Block"),
    PRIVATE_MEMBER("RG006", "an annotated member is private, so generated code cannot read it"),
    STATIC_MEMBER("RG007", "an annotated member is static"),
    UNEXPECTED_PARAMETERS("RG008", "a @SharedBackbone or @TaskHead method has parameters"),
    ROTATE_DIMS_NOT_POSITIVE("RG009", "@Rotate(dims) is zero or negative"),
    ROTATE_DIMS_TOO_LARGE("RG010", "@Rotate(dims) is larger than @SharedBackbone(featureSize)"),
    ROTATE_WITHOUT_BACKBONE("RG011", "@Rotate is on a member that is not the @SharedBackbone"),
    FAMILY_WITHOUT_TASKS("RG012", "@TaskHeads gives neither names nor a positive count, or both"),
    FAMILY_SIGNATURE("RG013", "a @TaskHeads method does not take exactly one int (the task index)"),
    ABSTRACT_MODEL("RG014", "the model class is abstract or an interface"),
    GENERIC_MODEL("RG015", "the model class has type parameters"),
    BLANK_TASK_NAME("RG016", "a task name is blank"),
    INVALID_WEIGHT("RG017", "a loss weight is not a positive finite number"),
    CUSTOM_LOSS("RG018", "a custom loss is missing, not a no-argument method returning a DJL Loss, or given without CUSTOM"),
    INACCESSIBLE_MODEL("RG019", "the model class is private, local or anonymous"),
    INVALID_FEATURE_SIZE("RG020", "@SharedBackbone(featureSize) is negative"),
    NAME_COLLISION("RG021", "two names would be the same Java name in the generated code: two tasks' constants or "
            + "Outputs components, a task's constant and TASKS or a family's <FACTORY>_TASKS, two families' lists, "
            + "or the generated classes of two models"),
    UNRESOLVED_TYPE("RG022", "an annotated member's type, or a custom loss method's return type, is still "
            + "unresolved when annotation processing ends"),
    INTERNAL_ERROR("RG099", "the processor failed; please report it");

    private final String code;
    private final String summary;

    ErrorId(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    /** Returns the stable code, such as {@code RG001}. */
    public String code() {
        return code;
    }

    /** Returns a one-line description of the mistake. */
    public String summary() {
        return summary;
    }

    /** Returns a message that starts with this error's code. */
    public String message(String text) {
        return "[" + code + "] " + text;
    }
}
