package org.rotograd4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.rotation.TaskRotations;

/**
 * A shared backbone, optional task rotations and one head per task, as one DJL block.
 *
 * <p>{@link #forward} returns one output per task, in task order: {@code h_k(R_k f(x))}, or {@code
 * h_k(f(x))} without rotations. {@link #forwardTask} is the single-task path for task k. Train it with
 * {@link BatchTrainer}.
 */
public final class MultiTaskModel extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block backbone;
    private final List<Task> tasks;
    private final TaskRotations rotations;

    private MultiTaskModel(Builder builder) {
        super(VERSION);
        this.backbone = addChildBlock("backbone", builder.backbone);
        this.tasks = List.copyOf(builder.tasks);
        for (Task task : tasks) {
            addChildBlock("head_" + task.name(), task.head());
        }
        this.rotations = builder.rotationSize == 0 ? null : addChildBlock("rotations", TaskRotations.builder()
                .setNumTasks(tasks.size())
                .setSize(builder.rotationSize)
                .optInit(builder.rotationInit)
                .optAxis(builder.rotationAxis)
                .optSeed(builder.rotationSeed)
                .optParametrization(builder.rotationParametrization)
                .optBlocks(builder.rotationBlocks)
                .build());
    }

    /**
     * Returns a builder.
     *
     * @return a new builder, without backbone, tasks or rotations
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the shared backbone.
     *
     * @return the block whose first output is the shared feature z
     */
    public Block backbone() {
        return backbone;
    }

    /**
     * Returns the tasks.
     *
     * @return an unmodifiable list, in task order; never empty
     */
    public List<Task> tasks() {
        return tasks;
    }

    /**
     * Returns the number of tasks.
     *
     * @return K, at least 1
     */
    public int numTasks() {
        return tasks.size();
    }

    /**
     * Returns the index of the named task.
     *
     * @param name the task's name
     * @return its 0-based index in {@link #tasks()}
     * @throws IllegalArgumentException when no task has that name
     */
    public int taskIndex(String name) {
        for (int k = 0; k < tasks.size(); k++) {
            if (tasks.get(k).name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no task named '" + name + "'; tasks are " + taskNames());
    }

    /**
     * Returns the task names.
     *
     * @return an unmodifiable list, in task order
     */
    public List<String> taskNames() {
        return tasks.stream().map(Task::name).toList();
    }

    /**
     * Returns the task rotations.
     *
     * @return the rotations block, or {@code null} when the model has none
     */
    public @Nullable TaskRotations rotations() {
        return rotations;
    }

    /**
     * Runs backbone, rotation and head of one task.
     *
     * @param parameterStore the parameter store
     * @param inputs the backbone's inputs
     * @param taskIndex the task's 0-based index
     * @return the task's output
     */
    public NDList forwardTask(ParameterStore parameterStore, NDList inputs, int taskIndex) {
        NDList z = backbone.forward(parameterStore, inputs, false);
        NDArray feature = rotations == null ? z.head() : rotations.forward(parameterStore, z, false).get(taskIndex);
        return tasks.get(taskIndex).head().forward(parameterStore, new NDList(feature), false);
    }

    /**
     * Returns the single-task path of task k as a block of its own (backbone, rotation k, head k), for
     * inference: the authors' {@code model[k]}. It shares this model's parameters.
     *
     * @param taskIndex the task's 0-based index
     * @return a new block over this model's parameters
     * @throws IndexOutOfBoundsException when there is no such task
     */
    public Block taskBlock(int taskIndex) {
        if (taskIndex < 0 || taskIndex >= tasks.size()) {
            throw new IndexOutOfBoundsException("task index " + taskIndex + " for " + tasks.size() + " tasks");
        }
        return new SingleTaskBlock(this, taskIndex);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList z = backbone.forward(parameterStore, inputs, training, params);
        NDList features = rotations == null ? null : rotations.forward(parameterStore, z, training);
        NDList outputs = new NDList(tasks.size());
        for (int k = 0; k < tasks.size(); k++) {
            NDArray feature = features == null ? z.head() : features.get(k);
            outputs.add(tasks.get(k).head().forward(parameterStore, new NDList(feature), training).head());
        }
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape z = backbone.getOutputShapes(inputShapes)[0];
        Shape[] shapes = new Shape[tasks.size()];
        for (int k = 0; k < tasks.size(); k++) {
            shapes[k] = tasks.get(k).head().getOutputShapes(new Shape[] {z})[0];
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape z = backbone.getOutputShapes(inputShapes)[0];
        if (rotations != null) {
            rotations.initialize(manager, dataType, z);
        }
        for (Task task : tasks) {
            task.head().initialize(manager, dataType, z);
        }
    }

    /** Builds a {@link MultiTaskModel}. */
    public static final class Builder {
        private Block backbone;
        private final List<Task> tasks = new ArrayList<>();
        private int rotationSize;
        private RotationInit rotationInit = RotationInit.HAAR;
        private FeatureAxis rotationAxis = FeatureAxis.FEATURES;
        private long rotationSeed;
        private RotationParametrization rotationParametrization = RotationParametrization.EXPONENTIAL;
        private int rotationBlocks = 1;

        private Builder() {}

        /**
         * Sets the shared backbone (required).
         *
         * @param backbone the block; it returns the shared feature z first
         * @return this builder
         */
        public Builder setBackbone(Block backbone) {
            this.backbone = Objects.requireNonNull(backbone, "backbone");
            return this;
        }

        /**
         * Adds a task after those added before; at least one is required.
         *
         * @param task the task; its name must differ from the other tasks'
         * @return this builder
         */
        public Builder addTask(Task task) {
            tasks.add(Objects.requireNonNull(task, "task"));
            return this;
        }

        /**
         * Rotates the first {@code size} features of a vector shared feature {@code [B, d]}, per task.
         *
         * @param size the rotation size m; positive, at most the feature size
         * @param init how the fixed bases are chosen
         * @param seed the seed of Haar-random bases
         * @return this builder
         * @throws IllegalArgumentException when {@code size} is not positive
         */
        public Builder optRotation(int size, RotationInit init, long seed) {
            return optRotation(size, FeatureAxis.FEATURES, init, seed);
        }

        /**
         * Rotates the first {@code size} entries of axis 1 of the shared feature, per task: features of
         * {@code [B, d]} or channels of {@code [B, C, H, W]}.
         *
         * @param size the rotation size m; positive, at most the size of the axis
         * @param axis the rotated axis
         * @param init how the fixed bases are chosen
         * @param seed the seed of Haar-random bases
         * @return this builder
         * @throws IllegalArgumentException when {@code size} is not positive
         */
        public Builder optRotation(int size, FeatureAxis axis, RotationInit init, long seed) {
            if (size <= 0) {
                throw new IllegalArgumentException("rotation size must be positive, got " + size);
            }
            this.rotationSize = size;
            this.rotationAxis = Objects.requireNonNull(axis, "rotation axis");
            this.rotationInit = Objects.requireNonNull(init, "rotation init");
            this.rotationSeed = seed;
            return this;
        }

        /**
         * Sets how the rotations are computed and learned: {@link RotationParametrization#EXPONENTIAL} (the
         * default, the reference's numbers) or {@link RotationParametrization#TRIVIALIZED} (fast for large m).
         *
         * @param parametrization the parametrization
         * @return this builder
         */
        public Builder optRotationParametrization(RotationParametrization parametrization) {
            this.rotationParametrization = Objects.requireNonNull(parametrization, "rotation parametrization");
            return this;
        }

        /**
         * Makes each task rotation block-diagonal: q independent rotations of {@code m/q} consecutive entries,
         * at a cost of {@code K·m·(m/q)²} instead of {@code K·m³}.
         *
         * @param blocks q, dividing the rotation size; 1 (the default) for full rotations
         * @return this builder
         */
        public Builder optRotationBlocks(int blocks) {
            if (blocks <= 0) {
                throw new IllegalArgumentException("the number of rotation blocks must be positive, got " + blocks);
            }
            this.rotationBlocks = blocks;
            return this;
        }

        /**
         * Removes the rotations set by {@link #optRotation}, for a model without any.
         *
         * @return this builder
         */
        public Builder clearRotation() {
            this.rotationSize = 0;
            return this;
        }

        /**
         * Builds the model, not yet initialized.
         *
         * @return the model
         * @throws IllegalStateException without a backbone or tasks, or when two tasks share a name
         */
        public MultiTaskModel build() {
            if (backbone == null) {
                throw new IllegalStateException("a multi-task model needs a backbone");
            }
            if (tasks.isEmpty()) {
                throw new IllegalStateException("a multi-task model needs at least one task");
            }
            Set<String> names = new HashSet<>();
            for (Task task : tasks) {
                if (!names.add(task.name())) {
                    throw new IllegalStateException("two tasks are named '" + task.name() + "'");
                }
            }
            return new MultiTaskModel(this);
        }
    }
}
