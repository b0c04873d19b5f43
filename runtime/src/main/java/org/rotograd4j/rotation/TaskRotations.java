package org.rotograd4j.rotation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Objects;
import org.rotograd4j.EngineLock;
import org.rotograd4j.Scalars;

/**
 * The K task rotations {@code R_k = B_k · expm(S(A_k))}, {@code S(A) = tril(A,−1) − tril(A,−1)ᵀ}, as
 * a DJL block.
 *
 * <p>{@code A} ({@code (K, m, m)}, parameter {@code rotation_param}) is trainable and starts at zero;
 * only its strictly lower triangle is used. {@code B} ({@code rotation_base}) is fixed: Haar-random or
 * the identity, see {@link RotationInit}. Both are saved with the block's parameters.
 *
 * <p>{@link #forward} maps a shared feature {@code z} to the K rotated features {@code r_k}, with the
 * rotations held constant, as the authors' library does: the rotations learn only from the rotation
 * loss, through {@link #matrices()}.
 */
public final class TaskRotations extends AbstractBlock {

    private static final byte VERSION = 1;

    private static final double ORTHOGONALITY_TOLERANCE = 1e-6;
    private static final int MAX_ORTHOGONALIZATIONS = 3;

    private final int numTasks;
    private final SubspaceRotation layout;
    private final RotationParametrization parametrization;
    private final int baseUpdateInterval;
    private final int blocks;
    private final Parameter generator;
    private final Parameter base;

    private TaskRotations(Builder builder) {
        super(VERSION);
        this.numTasks = builder.numTasks;
        this.layout = new SubspaceRotation(builder.size, builder.axis);
        this.parametrization = builder.parametrization;
        this.baseUpdateInterval = builder.baseUpdateInterval;
        this.blocks = builder.blocks;
        int blockSize = builder.size / builder.blocks;
        Shape shape = new Shape((long) numTasks * builder.blocks, blockSize, blockSize);
        this.generator = addParameter(Parameter.builder()
                .setName("rotation_param")
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(Initializer.ZEROS)
                .build());
        this.base = addParameter(Parameter.builder()
                .setName("rotation_base")
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(baseInitializer(builder.init, builder.seed))
                .optRequiresGrad(false)
                .build());
    }

    /**
     * Returns a builder.
     *
     * @return a new builder; set the number of tasks and the size before building
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of tasks.
     *
     * @return K, the number of rotations; positive
     */
    public int numTasks() {
        return numTasks;
    }

    /**
     * Returns where the rotations act on the shared feature.
     *
     * @return the layout: the rotated axis and the size m
     */
    public SubspaceRotation layout() {
        return layout;
    }

    /**
     * Returns the trainable generator.
     *
     * @return {@code A}, {@code (K, m, m)} ({@code rotation_param}); only its strictly lower triangle is used
     */
    public Parameter generator() {
        return generator;
    }

    /**
     * Returns the fixed base.
     *
     * @return {@code B}, {@code (K, m, m)} ({@code rotation_base}), not trained
     */
    public Parameter base() {
        return base;
    }

    /**
     * Computes all K rotations at once, with the autograd graph to {@link #generator()}.
     *
     * @return {@code R}, {@code (K, m, m)}
     */
    public NDArray matrices() {
        NDArray rotations = base.getArray().matMul(MatrixExponential.expm(skew()));
        if (blocks == 1) {
            return rotations;
        }
        NDList full = new NDList(numTasks);
        RotationMaps maps = new RotationMaps.Dense(rotations, blocks);
        for (int k = 0; k < numTasks; k++) {
            full.add(maps.matrix(k));
        }
        return NDArrays.stack(full);
    }

    /**
     * Returns the number of independent blocks each rotation is made of.
     *
     * @return q: each {@code R_k} is block-diagonal with q blocks of {@code m/q × m/q}; 1 for a full rotation
     */
    public int blocks() {
        return blocks;
    }

    /**
     * Returns the rotations as maps on rows, with the autograd graph to {@link #generator()}: the matrices
     * for {@link RotationParametrization#EXPONENTIAL}, the series that never forms them for {@link
     * RotationParametrization#TRIVIALIZED}.
     *
     * @return the K rotations
     */
    public RotationMaps maps() {
        if (parametrization == RotationParametrization.EXPONENTIAL) {
            NDArray rotations = base.getArray().matMul(MatrixExponential.expm(skew()));
            return new RotationMaps.Dense(rotations, blocks);
        }
        return new SeriesRotationMaps(base.getArray(), skew(), blocks);
    }

    /**
     * Returns how the rotations are computed and learned.
     *
     * @return the parametrization
     */
    public RotationParametrization parametrization() {
        return parametrization;
    }

    /**
     * Returns whether the base takes the rotations after the given number of training steps: every {@link
     * Builder#optBaseUpdateInterval interval} steps with {@link RotationParametrization#TRIVIALIZED}, never
     * otherwise.
     *
     * @param completedSteps the training steps applied, this one included
     * @return whether to call {@link #updateBase()} now
     */
    public boolean baseUpdateDue(int completedSteps) {
        return parametrization == RotationParametrization.TRIVIALIZED && completedSteps % baseUpdateInterval == 0;
    }

    /**
     * Moves the base to the current rotations, {@code B ← B·expm(S(A))} computed exactly, and sets {@code A}
     * to 0, so that the rotations stay the same; then re-orthogonalizes the base (Newton–Schulz steps) if
     * {@code max |BᵀB − I|} exceeds 1e-6. Changes the parameters in place (under {@link EngineLock}, with grad
     * mode off); the trainer calls it after the optimizer's update.
     */
    public void updateBase() {
        EngineLock.run(this::updateBaseLocked);
    }

    private void updateBaseLocked() {
        try (NDScope scope = new NDScope()) {
            NDArray rotated = base.getArray().matMul(MatrixExponential.expm(skew()));
            NDArray identity = rotated.getManager().eye(layout.size() / blocks).toType(rotated.getDataType(), false);
            for (int i = 0; i < MAX_ORTHOGONALIZATIONS && drift(rotated, identity) > ORTHOGONALITY_TOLERANCE; i++) {
                // B ← B (3I − BᵀB) / 2 converges quadratically to the nearest orthogonal matrix.
                NDArray gram = rotated.transpose(0, 2, 1).matMul(rotated);
                rotated = Scalars.times(rotated.matMul(Scalars.times(identity, 3).sub(gram)), 0.5);
            }
            base.getArray().set(new NDIndex("..."), rotated);
            NDArray a = generator.getArray();
            a.set(new NDIndex("..."), a.zerosLike());
        }
    }

    /** Returns {@code max |BᵀB − I|} over all tasks. */
    private static double drift(NDArray bases, NDArray identity) {
        return bases.transpose(0, 2, 1).matMul(bases).sub(identity).abs().max()
                .toType(DataType.FLOAT64, false).getDouble();
    }

    /** Returns {@code S(A) = tril(A, −1) − tril(A, −1)ᵀ}, with the autograd graph to A. */
    private NDArray skew() {
        NDArray a = generator.getArray();
        int m = layout.size() / blocks;
        NDManager manager = a.getManager();
        NDArray rows = manager.arange(m).reshape(m, 1);
        NDArray columns = manager.arange(m).reshape(1, m);
        NDArray strictlyLower = rows.gt(columns).toType(a.getDataType(), false);
        NDArray lower = a.mul(strictlyLower);
        return lower.sub(lower.transpose(0, 2, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        layout.check(z.getShape());
        NDList rotated = new NDList(numTasks);
        // Results of operations that start from a parameter land in the parameter's manager: compute
        // in a scope and hand the outputs to the input's manager, as other blocks do.
        try (NDScope scope = new NDScope()) {
            RotationMaps rotations = maps().detached();
            for (int k = 0; k < numTasks; k++) {
                NDArray r = layout.rotate(z, rotations, k);
                NDScope.unregister(r);
                rotated.add(r);
            }
        }
        rotated.attach(z.getManager());
        rotated.forEach(NDScope::register);
        return rotated;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        layout.check(inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        layout.check(inputShapes[0]);
        Shape[] shapes = new Shape[numTasks];
        Arrays.fill(shapes, inputShapes[0]);
        return shapes;
    }

    private static Initializer baseInitializer(RotationInit init, long seed) {
        return (NDManager manager, Shape shape, DataType dataType) -> {
            int k = (int) shape.get(0);
            int m = (int) shape.get(1);
            NDArray eye = manager.eye(m).toType(dataType, false);
            if (init == RotationInit.IDENTITY) {
                return eye.expandDims(0).repeat(0, k);
            }
            try (NDArray sample = manager.create(HaarRotations.sample(k, m, seed), shape)) {
                return sample.toType(dataType, true); // a copy in PyTorch's memory (see Scalars)
            }
        };
    }

    /** Builds {@link TaskRotations}. */
    public static final class Builder {
        private int numTasks;
        private int size;
        private RotationInit init = RotationInit.HAAR;
        private FeatureAxis axis = FeatureAxis.FEATURES;
        private long seed;
        private RotationParametrization parametrization = RotationParametrization.EXPONENTIAL;
        private int baseUpdateInterval = 20;
        private int blocks = 1;

        private Builder() {}

        /**
         * Sets how the rotations are computed and learned.
         *
         * @param parametrization {@link RotationParametrization#EXPONENTIAL} (the default) or {@link
         *     RotationParametrization#TRIVIALIZED}
         * @return this builder
         */
        public Builder optParametrization(RotationParametrization parametrization) {
            this.parametrization = Objects.requireNonNull(parametrization, "parametrization");
            return this;
        }

        /**
         * Makes each rotation block-diagonal: q independent rotations of {@code m/q} consecutive entries, which
         * cost {@code K·m·(m/q)²} instead of {@code K·m³} (the paper's §7).
         *
         * @param blocks q, positive, dividing the rotation size; 1 (the default) for a full rotation
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder optBlocks(int blocks) {
            if (blocks <= 0) {
                throw new IllegalArgumentException("the number of rotation blocks must be positive, got " + blocks);
            }
            this.blocks = blocks;
            return this;
        }

        /**
         * Sets how often the base takes the rotations with {@link RotationParametrization#TRIVIALIZED}: every
         * this many training steps.
         *
         * @param steps the interval, positive; 20 by default
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder optBaseUpdateInterval(int steps) {
            if (steps <= 0) {
                throw new IllegalArgumentException("the base update interval must be positive, got " + steps);
            }
            this.baseUpdateInterval = steps;
            return this;
        }

        /**
         * Sets the number of tasks K (required).
         *
         * @param numTasks the number of rotations; positive
         * @return this builder
         */
        public Builder setNumTasks(int numTasks) {
            this.numTasks = numTasks;
            return this;
        }

        /**
         * Sets the rotation size m: the leading entries of axis 1 of the shared feature (required).
         *
         * @param size m; positive, at most the size of axis 1 (checked when a feature arrives)
         * @return this builder
         */
        public Builder setSize(int size) {
            this.size = size;
            return this;
        }

        /**
         * Sets the rotated axis; default {@link FeatureAxis#FEATURES}.
         *
         * @param axis features of a vector feature, or channels of a shaped one
         * @return this builder
         */
        public Builder optAxis(FeatureAxis axis) {
            this.axis = axis;
            return this;
        }

        /**
         * Sets how the fixed bases are chosen; default {@link RotationInit#HAAR}.
         *
         * @param init Haar-random or the identity
         * @return this builder
         */
        public Builder optInit(RotationInit init) {
            this.init = init;
            return this;
        }

        /**
         * Sets the seed of the Haar-random bases; default 0.
         *
         * @param seed the seed; ignored with {@link RotationInit#IDENTITY}
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the block, not yet initialized.
         *
         * @return the block
         * @throws IllegalArgumentException when the number of tasks or the size is not positive
         */
        public TaskRotations build() {
            if (numTasks <= 0) {
                throw new IllegalArgumentException("number of tasks must be positive, got " + numTasks);
            }
            if (size <= 0) {
                throw new IllegalArgumentException("rotation size must be positive, got " + size);
            }
            if (size % blocks != 0) {
                throw new IllegalArgumentException("rotation size " + size + " is not a multiple of the number of blocks "
                        + blocks);
            }
            return new TaskRotations(this);
        }
    }
}
