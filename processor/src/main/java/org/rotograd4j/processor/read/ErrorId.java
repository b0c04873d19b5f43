package org.rotograd4j.processor.read;

/** The compile errors the processor reports; the id appears in brackets at the start of each message. */
public enum ErrorId {
    /** RG001: The model has task heads but no {@code @SharedBackbone}. */
    MISSING_BACKBONE("RG001", "the model has task heads but no @SharedBackbone"),
    /** RG002: More than one member is annotated {@code @SharedBackbone}. */
    DUPLICATE_BACKBONE("RG002", "more than one member is annotated @SharedBackbone"),
    /** RG003: The model has a {@code @SharedBackbone} but no {@code @TaskHead} or {@code @TaskHeads}. */
    MISSING_HEADS("RG003", "the model has a @SharedBackbone but no @TaskHead or @TaskHeads"),
    /** RG004: Two tasks have the same name. */
    DUPLICATE_TASK_NAME("RG004", "two tasks have the same name"),
    /** RG005: An annotated member's type is not ai.djl.nn.Block. */
    NOT_A_BLOCK("RG005", "an annotated member's type is not ai.djl.nn.Block"),
    /** RG006: An annotated member is private, so generated code cannot read it. */
    PRIVATE_MEMBER("RG006", "an annotated member is private, so generated code cannot read it"),
    /** RG007: An annotated member is static. */
    STATIC_MEMBER("RG007", "an annotated member is static"),
    /** RG008: A {@code @SharedBackbone} or {@code @TaskHead} method has parameters. */
    UNEXPECTED_PARAMETERS("RG008", "a @SharedBackbone or @TaskHead method has parameters"),
    /** RG009: {@code @Rotate(dims)} is zero or negative. */
    ROTATE_DIMS_NOT_POSITIVE("RG009", "@Rotate(dims) is zero or negative"),
    /** RG010: {@code @Rotate(dims)} is larger than {@code @SharedBackbone(featureSize)}. */
    ROTATE_DIMS_TOO_LARGE("RG010", "@Rotate(dims) is larger than @SharedBackbone(featureSize)"),
    /** RG011: {@code @Rotate} is on a member that is not the {@code @SharedBackbone}. */
    ROTATE_WITHOUT_BACKBONE("RG011", "@Rotate is on a member that is not the @SharedBackbone"),
    /** RG012: {@code @TaskHeads} gives neither names nor a positive count, or both. */
    FAMILY_WITHOUT_TASKS("RG012", "@TaskHeads gives neither names nor a positive count, or both"),
    /** RG013: A {@code @TaskHeads} method does not take exactly one int (the task index). */
    FAMILY_SIGNATURE("RG013", "a @TaskHeads method does not take exactly one int (the task index)"),
    /** RG014: The model class is abstract or an interface. */
    ABSTRACT_MODEL("RG014", "the model class is abstract or an interface"),
    /** RG015: The model class has type parameters. */
    GENERIC_MODEL("RG015", "the model class has type parameters"),
    /** RG016: A task name is blank. */
    BLANK_TASK_NAME("RG016", "a task name is blank"),
    /** RG017: A loss weight is not a positive finite number. */
    INVALID_WEIGHT("RG017", "a loss weight is not a positive finite number"),
    /** RG018: A custom loss is missing, not a no-argument method returning a DJL Loss, or given without CUSTOM. */
    CUSTOM_LOSS("RG018", "a custom loss is missing, not a no-argument method returning a DJL Loss, or given without CUSTOM"),
    /** RG019: The model class is private, local or anonymous. */
    INACCESSIBLE_MODEL("RG019", "the model class is private, local or anonymous"),
    /** RG020: {@code @SharedBackbone(featureSize)} is negative. */
    INVALID_FEATURE_SIZE("RG020", "@SharedBackbone(featureSize) is negative"),
    /**
     * RG021: Two names would be the same Java name in the generated code: two tasks' constants or Outputs
     * components, a task's constant and {@code TASKS} or a family's {@code <FACTORY>_TASKS}, two families'
     * lists, or the generated classes of two models.
     */
    NAME_COLLISION("RG021", "two names would be the same Java name in the generated code: two tasks' constants or "
            + "Outputs components, a task's constant and TASKS or a family's <FACTORY>_TASKS, two families' lists, "
            + "or the generated classes of two models"),
    /**
     * RG022: An annotated member's type, or a custom loss method's return type, is still unresolved when
     * annotation processing ends.
     */
    UNRESOLVED_TYPE("RG022", "an annotated member's type, or a custom loss method's return type, is still "
            + "unresolved when annotation processing ends"),
    /** RG023: {@code @Rotate(blocks)} is not positive or does not divide {@code dims}. */
    ROTATE_BLOCKS("RG023", "@Rotate(blocks) is not positive or does not divide dims"),
    /** RG099: The processor failed; please report it. */
    INTERNAL_ERROR("RG099", "the processor failed; please report it");

    private final String code;
    private final String summary;

    ErrorId(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    /**
     * Returns the stable code.
     *
     * @return the code, such as {@code RG001}
     */
    public String code() {
        return code;
    }

    /**
     * Returns a one-line description of the mistake, as the README's table gives it.
     *
     * @return the description
     */
    public String summary() {
        return summary;
    }

    /**
     * Returns a message that starts with this error's code.
     *
     * @param text what is wrong, naming the element at fault
     * @return {@code [RGnnn] text}
     */
    public String message(String text) {
        return "[" + code + "] " + text;
    }
}
