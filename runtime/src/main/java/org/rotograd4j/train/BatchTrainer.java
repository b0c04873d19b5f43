package org.rotograd4j.train;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rotograd4j.EngineLock;
import org.rotograd4j.Scalars;
import org.rotograd4j.checkpoint.SavedState;
import org.rotograd4j.checkpoint.StateRestorer;
import org.rotograd4j.method.Combination;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.TaskGradients;
import org.rotograd4j.rotation.RotationMaps;
import org.rotograd4j.rotation.SubspaceRotation;
import org.rotograd4j.rotation.TaskRotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link MultiTaskModel} one batch at a time with a {@link MultiTaskMethod}.
 *
 * <p>One {@link #step} is the paper's Algorithm 1 as the authors' library runs it: the backbone forward;
 * for each task, the head on the rotated feature (rotation held constant) and one backward of its loss
 * into the head and a detached copy of the feature, which gives {@code G_k = ∂L_k/∂z}; the method's
 * combined gradient pushed into the backbone; the rotation loss back-propagated into the rotations; then
 * the network's optimizer updates backbone and heads and the rotations' optimizer updates the rotations
 * (and the method's own parameters). Every array a step creates is closed at its end.
 *
 * <p>With several devices ({@link MultiTaskConfig.Builder#optDevices}) each batch is split into one shard per
 * device; the shards' losses, gradient norms and (when the method reads it) Gram matrix are summed into the
 * whole batch's, and the method combines each shard's rows with them, so that the step equals the one-device
 * step on the whole batch.
 *
 * <p>A NaN or infinite loss or gradient fails the step with {@link NonFiniteValueException} before
 * anything is updated, or skips it (see {@link NonFinitePolicy}); either way the step changes nothing,
 * random generators included.
 *
 * <p>{@link #save} writes the whole training state to one checkpoint file (a {@link
 * org.rotograd4j.checkpoint.CheckpointFile}), and {@link #load} restores it, so that training resumes exactly
 * where it stopped. Settings that are not state (normalized losses, burn-in period, gradient space) come from
 * the trainer that loads; a difference from the saved ones is logged as a warning.
 *
 * <p>A trainer works from any thread. Steps and loads run under {@link EngineLock}: trainers used from
 * several threads at once take turns, one step at a time. One trainer is not meant to be stepped from two
 * threads at once.
 */
public final class BatchTrainer {

    private static final Logger LOGGER = LoggerFactory.getLogger(BatchTrainer.class);

    private static final double EPSILON = 1e-15;

    private final MultiTaskModel model;
    private final MultiTaskConfig config;
    private final MultiTaskMethod method;
    private final Optimizer networkOptimizer;
    private final Optimizer rotationOptimizer;
    private final boolean normalizeLosses;
    private final int burnInPeriod;
    private final BackboneLoss backboneLoss;
    private final NonFinitePolicy nonFinitePolicy;
    private final GradientSpace gradientSpace;
    private final ParameterStore parameterStore;
    private final DeviceCopies mirrors;
    private final List<Pair<String, Parameter>> networkParameters = new ArrayList<>();
    private final List<Pair<String, Parameter>> rotationParameters = new ArrayList<>();

    private double[] initialLosses;
    private double initialBackboneLoss;
    private int steps;
    private int skippedSteps;

    /**
     * Creates a trainer for a model: its own method and optimizers, made from the configuration.
     *
     * @param model the model, initialized ({@code model.initialize(manager, dataType, inputShapes)})
     * @param config how each batch trains; the loop's settings are read by {@link
     *     org.rotograd4j.fit.MultiTaskFit}
     * @throws IllegalStateException if the model is not initialized, or the method needs rotations the model
     *     lacks, or rotates but combines gradients in the parameters' space, or the parameters are not on the
     *     first configured device
     */
    public BatchTrainer(MultiTaskModel model, MultiTaskConfig config) {
        this.model = Objects.requireNonNull(model, "a trainer needs a model");
        this.config = Objects.requireNonNull(config, "a trainer needs a configuration");
        if (!model.isInitialized()) {
            throw new IllegalStateException("initialize the model before building its trainer: "
                    + "model.initialize(manager, dataType, inputShapes)");
        }
        this.method = config.newMethod(model.rotations() != null);
        this.normalizeLosses = config.normalizeLosses();
        this.burnInPeriod = config.burnInPeriod();
        this.backboneLoss = config.backboneLoss();
        this.nonFinitePolicy = config.nonFinitePolicy();
        this.gradientSpace = config.gradientSpace();
        if (method.rotates() && gradientSpace == GradientSpace.PARAMETERS) {
            throw new IllegalStateException(method.name() + " rotates the shared feature, so it combines the "
                    + "gradients with respect to the feature: use GradientSpace.FEATURE");
        }
        if (method.rotates() && model.rotations() == null) {
            throw new IllegalStateException(method.name() + " learns task rotations, but the model has none: "
                    + "build it with optRotation(size, init, seed)");
        }
        this.networkOptimizer = config.optimizer().create(config.networkLearningRate());
        this.rotationOptimizer = config.optimizer().create(config.rotationLearningRate());

        Parameter first = model.getParameters().valueAt(0);
        NDManager manager = first.getArray().getManager();
        this.parameterStore = new ParameterStore(manager, false);
        List<Device> devices = config.devices();
        if (!devices.isEmpty() && !devices.get(0).equals(first.getArray().getDevice())) {
            throw new IllegalStateException("the model's parameters are on " + first.getArray().getDevice()
                    + " but the first of the configured devices " + devices + " is " + devices.get(0)
                    + ": initialize the model on the first device");
        }
        this.mirrors = DeviceCopies.register(devices, parameterStore);
        method.initialize(manager, first.getArray().getDataType(), model.numTasks());
        model.backbone().getParameters().forEach(p -> addTrainable(networkParameters, "backbone_", p));
        for (Task task : model.tasks()) {
            task.head().getParameters().forEach(p -> addTrainable(networkParameters, "head_" + task.name() + "_", p));
        }
        if (method.rotates()) {
            rotationParameters.add(new Pair<>("rotations_rotation_param", model.rotations().generator()));
        }
        method.parameters().forEach(p -> rotationParameters.add(new Pair<>("method_" + p.getName(), p)));
    }

    private static void addTrainable(List<Pair<String, Parameter>> into, String prefix, Pair<String, Parameter> p) {
        if (p.getValue().requiresGradient()) {
            into.add(new Pair<>(prefix + p.getKey(), p.getValue()));
        }
    }

    /**
     * Returns the configuration this trainer was made from.
     *
     * @return the configuration
     */
    public MultiTaskConfig config() {
        return config;
    }

    /**
     * Returns the model being trained.
     *
     * @return the initialized model
     */
    public MultiTaskModel model() {
        return model;
    }

    /**
     * Returns the training method.
     *
     * @return the method made from the configuration for this trainer, with its state
     */
    public MultiTaskMethod method() {
        return method;
    }

    /**
     * Returns the number of steps applied so far.
     *
     * @return the applied steps, skipped ones not included; restored by {@link #load}
     */
    public int steps() {
        return steps;
    }

    /**
     * Returns the number of steps skipped for non-finite values (see {@link NonFinitePolicy#SKIP}).
     *
     * @return the skipped steps so far; restored by {@link #load}
     */
    public int skippedSteps() {
        return skippedSteps;
    }

    /**
     * Saves the whole training state to a checkpoint file, atomically: the model's parameters (rotation
     * bases included), the method's parameters and state, both optimizers' state, the step counts and the
     * loss references. A crash during the save leaves the previous file at {@code file} intact.
     *
     * @param file where to write; a file there is replaced
     * @throws IOException if it cannot be written
     * @throws IllegalStateException if an optimizer is not an {@link org.rotograd4j.optim.ExactOptimizer}, whose
     *     state a checkpoint can hold
     */
    public void save(Path file) throws IOException {
        save(file, SavedState.EMPTY);
    }

    /**
     * Saves the whole training state, with the position of the loop that drives this trainer.
     *
     * @param file where to write; a file there is replaced
     * @param loopState the loop's state (see {@link org.rotograd4j.fit.MultiTaskFit}); {@link SavedState#EMPTY}
     *     without a loop
     * @throws IOException if it cannot be written
     * @throws IllegalStateException if an optimizer is not an {@link org.rotograd4j.optim.ExactOptimizer}
     */
    public void save(Path file, SavedState loopState) throws IOException {
        EngineLock.call(() -> {
            TrainerCheckpoint.write(file, this, loopState);
            return null;
        });
    }

    /**
     * Restores a state saved by {@link #save}. The whole file is checked first (checksum, format, tasks,
     * method, every array's name, shape and data type); if anything does not fit, the load fails with a
     * {@link org.rotograd4j.checkpoint.CheckpointException} naming the file and the mismatch, and the
     * model and trainer are exactly as before. A loop state in the file is ignored.
     *
     * @param file the checkpoint
     * @throws IOException if it cannot be read or does not fit this training
     */
    public void load(Path file) throws IOException {
        load(file, StateRestorer.IGNORE);
    }

    /**
     * Restores a state saved by {@link #save}, handing the loop's state to {@code loop}, which is checked
     * with the rest before anything changes.
     *
     * @param file the checkpoint
     * @param loop checks and installs the loop's state; it gets {@link SavedState#EMPTY} when the file has none
     * @throws IOException if it cannot be read or does not fit this training
     */
    public void load(Path file, StateRestorer loop) throws IOException {
        EngineLock.call(() -> {
            TrainerCheckpoint.load(file, this, loop);
            return null;
        });
    }

    /** Returns the trainer's own state: step counts and loss references. */
    SavedState saveOwnState() {
        return SavedState.builder()
                .put("steps", steps)
                .put("skipped_steps", skippedSteps)
                .putIfPresent("initial_losses", initialLosses)
                .put("initial_backbone_loss", initialBackboneLoss)
                .build();
    }

    /** Checks the trainer's own state and returns what installs it. */
    Runnable prepareOwnRestore(SavedState state) {
        state.requireOnly(Set.of("steps", "skipped_steps", "initial_losses", "initial_backbone_loss"));
        int savedSteps = state.count("steps");
        int savedSkipped = state.count("skipped_steps");
        double[] losses = state.optionalDoubles("initial_losses", model.numTasks());
        double backboneReference = state.number("initial_backbone_loss");
        return () -> {
            steps = savedSteps;
            skippedSteps = savedSkipped;
            initialLosses = losses;
            initialBackboneLoss = backboneReference;
        };
    }

    /** Returns the network's trainable parameters, named. */
    List<Pair<String, Parameter>> networkParameters() {
        return networkParameters;
    }

    /** Returns the rotations' and the method's trainable parameters, named. */
    List<Pair<String, Parameter>> rotationParameters() {
        return rotationParameters;
    }

    /** Returns the network's optimizer. */
    Optimizer networkOptimizer() {
        return networkOptimizer;
    }

    /** Returns the rotations' optimizer. */
    Optimizer rotationOptimizer() {
        return rotationOptimizer;
    }

    /** Returns the settings a checkpoint records for reference. */
    String settings() {
        return "normalize_losses=" + normalizeLosses + ", burn_in_period=" + burnInPeriod + ", gradient_space="
                + gradientSpace + ", non_finite_policy=" + nonFinitePolicy;
    }

    /**
     * Trains one batch.
     *
     * @param inputs the backbone's inputs
     * @param labels the labels of each task, in task order
     * @return the losses and weights of the step
     * @throws NonFiniteValueException when a value is not finite and the policy is {@link NonFinitePolicy#FAIL}
     */
    public StepResult step(NDList inputs, List<NDList> labels) {
        return step(inputs, labels, null);
    }

    /**
     * Trains one batch and records its intermediate values.
     *
     * @param inputs the backbone's inputs
     * @param labels the labels of each task, in task order
     * @param trace where to record, or {@code null} not to record
     * @return the losses and weights of the step
     * @throws NonFiniteValueException when a value is not finite and the policy is {@link NonFinitePolicy#FAIL}
     */
    public StepResult step(NDList inputs, List<NDList> labels, @Nullable StepTrace trace) {
        return step(inputs, labels, trace, null);
    }

    /**
     * Trains one batch and hands its predictions to {@code predictions}, for listeners and metrics that
     * need them (the fit loop's DJL listeners do).
     *
     * @param inputs the backbone's inputs
     * @param labels the labels of each task, in task order
     * @param trace where to record, or {@code null} not to record
     * @param predictions receives each task's output of this step, in task order and without autograd
     *     history, once the step has been applied; the arrays are closed when it returns. Not called for a
     *     skipped step. May be {@code null}.
     * @return the losses and weights of the step
     * @throws NonFiniteValueException when a value is not finite and the policy is {@link NonFinitePolicy#FAIL}
     */
    public StepResult step(NDList inputs, List<NDList> labels, @Nullable StepTrace trace,
            @Nullable Consumer<NDList> predictions) {
        checkBatch(inputs, labels);
        return EngineLock.call(() -> stepLocked(inputs, labels, trace, predictions));
    }

    private StepResult stepLocked(NDList inputs, List<NDList> labels, StepTrace trace, Consumer<NDList> predictions) {
        zeroGradients();
        Pass pass = new Pass(steps, steps == 0 || steps == burnInPeriod);
        try {
            StepResult result = applyStep(pass, inputs, labels, trace);
            if (predictions != null && !result.skipped()) {
                predictions.accept(pass.predictions);
            }
            return result;
        } finally {
            pass.predictions.close();
        }
    }

    private StepResult applyStep(Pass pass, NDList inputs, List<NDList> labels, StepTrace trace) {
        try {
            try (NDScope scope = new NDScope();
                    GradientCollector collector = inputs.head().getManager().getEngine().newGradientCollector()) {
                pass.run(shards(inputs, labels), collector, trace);
            }
            mirrors.reduceGradients(parameterStore);
            scaleHeadGradients(pass.headFactors);
            checkParameterGradients(pass.step, trace);
        } catch (NonFiniteValueException e) {
            mirrors.discardGradients(parameterStore);
            zeroGradients();
            if (nonFinitePolicy == NonFinitePolicy.SKIP) {
                skippedSteps++;
                LOGGER.warn("step {} skipped ({} skipped so far): {}", pass.step, skippedSteps, e.getMessage());
                return StepResult.skipped(pass.step, model.numTasks());
            }
            throw e;
        }
        update(networkParameters, networkOptimizer);
        update(rotationParameters, rotationOptimizer);
        mirrors.copyParameters();
        if (method.rotates() && model.rotations().baseUpdateDue(steps + 1)) {
            model.rotations().updateBase();
        }
        initialLosses = pass.referenceLosses;
        initialBackboneLoss = pass.referenceBackboneLoss;
        method.commit();
        steps++;
        return new StepResult(pass.step, pass.losses, pass.normalizedLosses, pass.rotationLosses,
                pass.combination.taskWeights(), false);
    }

    /**
     * Splits a batch into one shard per configured device, the first {@code B mod n} shards one row longer, as
     * DJL splits a batch over its trainer's devices; the whole batch when no devices are configured.
     */
    private List<Shard> shards(NDList inputs, List<NDList> labels) {
        long batch = inputs.head().getShape().get(0);
        List<Device> devices = config.devices();
        if (devices.isEmpty()) {
            return List.of(new Shard(inputs, labels, 0, batch, batch));
        }
        if (batch < devices.size()) {
            throw new IllegalArgumentException("a batch of " + batch + " samples cannot be split over "
                    + devices.size() + " devices " + devices + ": every shard needs a sample");
        }
        List<Shard> shards = new ArrayList<>(devices.size());
        long first = 0;
        for (int s = 0; s < devices.size(); s++) {
            long rows = batch / devices.size() + (s < batch % devices.size() ? 1 : 0);
            Device device = devices.get(s);
            String range = first + ":" + (first + rows);
            NDList shardInputs = new NDList(inputs.size());
            inputs.forEach(input -> shardInputs.add(input.get(range).toDevice(device, false)));
            List<NDList> shardLabels = new ArrayList<>(labels.size());
            for (NDList taskLabels : labels) {
                NDList part = new NDList(taskLabels.size());
                taskLabels.forEach(label -> part.add(label.get(range).toDevice(device, false)));
                shardLabels.add(part);
            }
            shards.add(new Shard(shardInputs, shardLabels, first, rows, batch));
            first += rows;
        }
        return shards;
    }

    /**
     * Rows {@code firstRow} to {@code firstRow + rows − 1} of a batch of {@code batchSize}, on their device.
     *
     * @param inputs the shard's inputs
     * @param labels the shard's labels of each task
     * @param firstRow the index of its first sample in the batch
     * @param rows its number of samples
     * @param batchSize the number of samples of the batch
     */
    private record Shard(NDList inputs, List<NDList> labels, long firstRow, long rows, long batchSize) {

        /** Returns the shard's share of a batch-mean loss: {@code B_s / B}, exactly 1 for the whole batch. */
        double fraction() {
            return (double) rows / batchSize;
        }

        /** Returns a batch-mean quantity of the shard scaled by its share, unchanged for a whole batch. */
        NDArray share(NDArray shardMean) {
            return rows == batchSize ? shardMean : Scalars.times(shardMean, fraction());
        }
    }

    /** What one shard computes before the whole batch's statistics are known. */
    private static final class ShardPass {
        final Shard shard;
        final NDArray z;
        final NDArray detached;
        final RotationMaps rotations;
        final RotationMaps fixed;
        final NDList rotatedGradients = new NDList();
        final NDList gradients = new NDList();
        final NDList predictions = new NDList();

        ShardPass(Shard shard, NDArray z, RotationMaps rotations) {
            this.shard = shard;
            this.z = z;
            this.detached = z.stopGradient();
            this.rotations = rotations == null ? null : rotations.toDevice(z.getDevice());
            this.fixed = this.rotations == null ? null : this.rotations.detached();
        }
    }

    /** The work of one step; state is committed by {@link #step} only if it succeeds. */
    private final class Pass {
        final int step;
        final boolean anchor;
        final double[] losses;
        final double[] normalizedLosses;
        final double[] referenceLosses;
        double referenceBackboneLoss;
        double[] rotationLosses = new double[0];
        Combination combination;
        /** Each task's prediction, detached and kept past the step's scope; closed by the step. */
        final NDList predictions = new NDList();
        /** What each head's parameter gradients are multiplied by once the shards' are summed. */
        final double[] headFactors;

        Pass(int step, boolean anchor) {
            this.step = step;
            this.anchor = anchor;
            int tasks = model.numTasks();
            this.losses = new double[tasks];
            this.normalizedLosses = new double[tasks];
            this.referenceLosses = anchor || initialLosses == null ? new double[tasks] : initialLosses.clone();
            this.referenceBackboneLoss = initialBackboneLoss;
            this.headFactors = new double[tasks];
            Arrays.fill(headFactors, 1);
        }

        /** Multiplies the head factors by the method's head weights, when it gives any. */
        private void scaleHeads(double[] weights) {
            if (weights != null) {
                for (int k = 0; k < weights.length; k++) {
                    headFactors[k] *= weights[k];
                }
            }
        }

        /**
         * Runs the step over the batch's shards: every shard's forward pass and task gradients, then the whole
         * batch's losses, references and norms from the shards', then the method's combination on each shard.
         */
        void run(List<Shard> shards, GradientCollector collector, StepTrace trace) {
            if (trace != null && shards.size() > 1) {
                throw new IllegalArgumentException("a step trace records one-device steps; this trainer splits its "
                        + "batches over " + shards.size() + " devices");
            }
            TaskRotations rotationBlock = model.rotations();
            SubspaceRotation layout = rotationBlock == null ? null : rotationBlock.layout();
            RotationMaps rotations = rotationBlock == null ? null : rotationBlock.maps();
            int tasks = model.numTasks();
            List<ShardPass> passes = new ArrayList<>(shards.size());
            double[][] shardLosses = new double[shards.size()][];
            for (int s = 0; s < shards.size(); s++) {
                shardLosses[s] = new double[tasks];
                passes.add(taskGradients(shards.get(s), rotations, layout, shardLosses[s], collector, trace));
            }
            reduceLosses(shards, shardLosses);
            for (ShardPass pass : passes) {
                for (int k = 0; k < tasks; k++) {
                    NDArray rotatedGradient = pass.rotatedGradients.get(k);
                    if (normalizeLosses) {
                        rotatedGradient = Scalars.dividedBy(rotatedGradient, referenceLosses[k]);
                        pass.rotatedGradients.set(k, rotatedGradient);
                    }
                    pass.gradients.add(pass.fixed == null ? rotatedGradient
                            : layout.rotateBack(rotatedGradient, pass.fixed, k));
                    if (pass.fixed != null && trace != null) {
                        record(trace, "rotation/" + k, pass.fixed.matrix(k));
                    }
                    record(trace, "grad_r/" + k, rotatedGradient);
                    record(trace, "grad_z/" + k, pass.gradients.get(k));
                }
            }
            if (normalizeLosses) {
                for (int k = 0; k < tasks; k++) {
                    headFactors[k] /= referenceLosses[k];
                }
            }
            collectPredictions(passes);
            double[] norms = norms(passes);
            NDList backboneLosses = backboneLosses(passes);
            if (gradientSpace == GradientSpace.PARAMETERS) {
                combineParameterGradients(passes, collector, trace);
                if (backboneLosses != null) {
                    backboneLosses.forEach(collector::backward);
                }
                return;
            }
            combineFeatureGradients(passes, norms, backboneLosses, layout, collector, trace);
        }

        /**
         * Runs a shard's backbone, and each task's head and loss on the (rotated) feature with one backward into
         * the head and a detached copy of the feature, which gives the shard's rows of {@code G̃_k}.
         */
        private ShardPass taskGradients(Shard shard, RotationMaps rotations, SubspaceRotation layout,
                double[] shardLosses, GradientCollector collector, StepTrace trace) {
            NDArray z = backboneForward(shard.inputs());
            if (layout != null) {
                layout.check(z.getShape());
            }
            ShardPass pass = new ShardPass(shard, z, rotations);
            record(trace, "z", z);
            for (int k = 0; k < shardLosses.length; k++) {
                NDArray feature = pass.fixed == null ? pass.detached.duplicate()
                        : layout.rotate(pass.detached, pass.fixed, k);
                feature.setRequiresGradient(true);
                NDArray loss = taskLoss(k, feature, shard.labels().get(k), pass.predictions, trace);
                shardLosses[k] = scalar(loss);
                if (!Double.isFinite(shardLosses[k])) {
                    throw new NonFiniteValueException(step, model.tasks().get(k).name(), "loss", shardLosses[k]);
                }
                collector.backward(shard.share(loss));
                pass.rotatedGradients.add(feature.getGradient());
            }
            return pass;
        }

        /**
         * Lets the method combine each shard's feature gradients with the whole batch's statistics, pushes the
         * combinations into the backbone (with the backbone loss, if any), and the rotation and auxiliary losses
         * into the rotations and the method's parameters.
         */
        private void combineFeatureGradients(List<ShardPass> passes, double[] norms, NDList backboneLosses,
                SubspaceRotation layout, GradientCollector collector, StepTrace trace) {
            int tasks = model.numTasks();
            Supplier<double[][]> gram = memoized(() -> {
                double[][] sum = new double[tasks][tasks];
                for (ShardPass pass : passes) {
                    double[][] part = TaskGradients.gramOf(pass.gradients);
                    for (int j = 0; j < tasks; j++) {
                        for (int k = 0; k < tasks; k++) {
                            sum[j][k] += part[j][k];
                        }
                    }
                }
                return sum;
            });
            NDArray methodLoss = null;
            double meanNorm = method.rotates() && !method.rotationsLearnFromTaskLosses() ? meanGradientNorm(passes) : 0;
            rotationLosses = new double[method.rotates() ? tasks : 0];
            for (int s = 0; s < passes.size(); s++) {
                ShardPass pass = passes.get(s);
                Shard shard = pass.shard;
                Combination shardCombination = method.combine(new TaskGradients(pass.gradients, shard.firstRow(),
                        shard.batchSize(), norms, gram, losses, normalizedLosses, step, anchor));
                if (combination == null) {
                    // Every shard's weights, head weights and auxiliary loss are the same: the first's count.
                    combination = shardCombination;
                    scaleHeads(combination.headWeights());
                    methodLoss = combination.auxiliaryLoss();
                }
                if (method.rotates()) {
                    NDArray rotationObjective = method.rotationsLearnFromTaskLosses()
                            ? taskLossThroughRotations(pass, layout)
                            : rotationLoss(pass, norms, meanNorm, layout, trace);
                    methodLoss = methodLoss == null ? rotationObjective : methodLoss.add(rotationObjective);
                }
                NDArray backboneGradient = shardCombination.backboneGradient().stopGradient();
                record(trace, "backbone_grad", backboneGradient);
                NDArray objective = pass.z.mul(backboneGradient).sum();
                collector.backward(backboneLosses == null ? objective : objective.add(backboneLosses.get(s)));
            }
            if (methodLoss != null) {
                collector.backward(methodLoss);
            }
        }

        /** Sets the whole batch's losses from the shards' (each a mean over its rows), and their references. */
        private void reduceLosses(List<Shard> shards, double[][] shardLosses) {
            for (int k = 0; k < losses.length; k++) {
                losses[k] = 0;
                for (int s = 0; s < shards.size(); s++) {
                    losses[k] += shards.get(s).fraction() * shardLosses[s][k];
                }
                if (anchor) {
                    referenceLosses[k] = losses[k];
                }
                if (normalizeLosses && referenceLosses[k] == 0) {
                    throw new IllegalStateException("task '" + model.tasks().get(k).name() + "': its reference loss "
                            + "L^0 is 0, so losses cannot be normalized by it; train without normalized losses");
                }
                normalizedLosses[k] = losses[k] / Math.max(referenceLosses[k], EPSILON);
            }
        }

        /** Joins each task's shard predictions into one array for the whole batch, on the first shard's device. */
        private void collectPredictions(List<ShardPass> passes) {
            for (int k = 0; k < model.numTasks(); k++) {
                NDArray prediction;
                if (passes.size() == 1) {
                    prediction = passes.get(0).predictions.get(k);
                } else {
                    Device device = passes.get(0).z.getDevice();
                    NDList parts = new NDList(passes.size());
                    for (ShardPass pass : passes) {
                        parts.add(pass.predictions.get(k).toDevice(device, false));
                    }
                    prediction = NDArrays.concat(parts);
                    for (ShardPass pass : passes) {
                        pass.predictions.get(k).close();
                    }
                }
                NDScope.unregister(prediction);
                predictions.add(prediction);
            }
        }

        /**
         * Back-propagates each task's feature gradient through each shard's backbone forward pass, keeping its
         * graph for the next task, to get each task's gradient with respect to the backbone's parameters, summed
         * over the shards; lets the method combine those, and leaves the combination in the parameters'
         * gradients.
         */
        private void combineParameterGradients(List<ShardPass> passes, GradientCollector collector, StepTrace trace) {
            List<Parameter> backbone = new ArrayList<>();
            model.backbone().getParameters().forEach(p -> {
                if (p.getValue().requiresGradient()) {
                    backbone.add(p.getValue());
                }
            });
            int tasks = model.numTasks();
            NDArray[] perTask = new NDArray[tasks];
            for (ShardPass pass : passes) {
                Device device = pass.z.getDevice();
                for (int k = 0; k < tasks; k++) {
                    // DJL's collector frees the graph after each backward; the engine's call can keep it.
                    JniUtils.backward((PtNDArray) pass.z, (PtNDArray) pass.gradients.get(k), true, false);
                    NDList flat = new NDList(backbone.size());
                    for (Parameter p : backbone) {
                        NDArray copy = parameterStore.getValue(p, device, true);
                        NDArray gradient = copy.getGradient().reshape(-1);
                        // A copy, not a view: the gradient is zeroed next. (toDevice to its own device is a view.)
                        flat.add(device.equals(p.getArray().getDevice())
                                ? gradient.duplicate() : gradient.toDevice(p.getArray().getDevice(), false));
                        JniUtils.zeroGrad((PtNDArray) copy);
                    }
                    NDArray gradient = NDArrays.concat(flat);
                    perTask[k] = perTask[k] == null ? gradient : perTask[k].add(gradient);
                }
            }
            NDList gradients = new NDList(perTask);
            double[] norms = new double[tasks];
            for (int k = 0; k < tasks; k++) {
                norms[k] = nonFiniteChecked(k, scalar(gradients.get(k).norm()), "gradient w.r.t. the backbone (norm)");
            }
            combination = method.combine(new TaskGradients(gradients, norms, losses, normalizedLosses, step, anchor));
            scaleHeads(combination.headWeights());
            if (combination.auxiliaryLoss() != null) {
                collector.backward(combination.auxiliaryLoss());
            }
            NDArray combined = combination.backboneGradient();
            record(trace, "backbone_param_grad", combined);
            long offset = 0;
            for (Parameter p : backbone) {
                long size = p.getArray().size();
                p.getArray().getGradient().addi(combined.get(offset + ":" + (offset + size)).reshape(p.getArray().getShape()));
                offset += size;
            }
        }

        /** RotoGrad's rotation loss of a shard's rows, summed over the tasks; adds each task's value. */
        private NDArray rotationLoss(ShardPass pass, double[] norms, double meanNorm, SubspaceRotation layout,
                StepTrace trace) {
            NDArray target = rotationTarget(pass.gradients, norms, meanNorm);
            record(trace, "target", target);
            NDArray perTask = layout.rotationLoss(target, pass.rotatedGradients, pass.rotations,
                    pass.shard.batchSize());
            double[] values = perTask.toType(DataType.FLOAT64, false).toDoubleArray();
            for (int k = 0; k < values.length; k++) {
                rotationLosses[k] += values[k];
            }
            return perTask.sum();
        }

        /**
         * A scalar whose gradient with respect to each {@code R_k} is that of the task loss {@code L_k}
         * ({@code Σ_n g̃_{n,k} z_nᵀ} on the rotated block, over a shard's rows): {@code Σ_k <R_k z, g̃_k>} with
         * {@code g̃_k} constant.
         */
        private NDArray taskLossThroughRotations(ShardPass pass, SubspaceRotation layout) {
            NDArray total = null;
            for (int k = 0; k < pass.rotatedGradients.size(); k++) {
                NDArray term = layout.rotate(pass.detached, pass.rotations, k).mul(pass.rotatedGradients.get(k)).sum();
                total = total == null ? term : total.add(term);
            }
            return total;
        }

        /**
         * Returns each shard's part of the configured backbone loss (a batch mean), normalized when losses are,
         * and sets the reference at an anchor step; {@code null} without a backbone loss.
         */
        private NDList backboneLosses(List<ShardPass> passes) {
            if (backboneLoss == null) {
                return null;
            }
            NDList extras = new NDList(passes.size());
            double value = 0;
            for (ShardPass pass : passes) {
                NDArray extra = backboneLoss.compute(pass.z, pass.shard.inputs());
                value += pass.shard.fraction() * scalar(extra);
                extras.add(pass.shard.share(extra));
            }
            if (!Double.isFinite(value)) {
                throw new NonFiniteValueException(step, null, "backbone loss", value);
            }
            if (anchor) {
                referenceBackboneLoss = value;
            }
            if (normalizeLosses) {
                for (int s = 0; s < extras.size(); s++) {
                    extras.set(s, Scalars.dividedBy(extras.get(s), referenceBackboneLoss));
                }
            }
            return extras;
        }

        /** Runs task k's head and loss on a feature; keeps the detached prediction in {@code predictions}. */
        private NDArray taskLoss(int k, NDArray feature, NDList labels, NDList predictions, StepTrace trace) {
            Task task = model.tasks().get(k);
            NDArray loss;
            try {
                NDList prediction = task.head().forward(parameterStore, new NDList(feature), true);
                record(trace, "prediction/" + k, prediction.head());
                NDArray kept = prediction.head().stopGradient();
                NDScope.unregister(kept);
                predictions.add(kept);
                loss = task.loss().evaluate(labels, prediction);
            } catch (EngineException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("task '" + task.name() + "': head or loss failed on a feature of shape "
                        + feature.getShape() + " and labels " + Arrays.toString(labels.getShapes()) + ": "
                        + e.getMessage(), e);
            }
            if (loss.size() != 1) {
                throw new IllegalArgumentException("the loss of task '" + task.name()
                        + "' must be a scalar, got shape " + loss.getShape());
            }
            return task.weight() == 1 ? loss : Scalars.times(loss, task.weight());
        }

        /**
         * Returns {@code ||G_k||} over the whole batch: the square root of the sum over shards of each shard's
         * squared norm (which is the norm itself for one shard).
         */
        private double[] norms(List<ShardPass> passes) {
            int tasks = model.numTasks();
            double[] squares = new double[tasks];
            for (ShardPass pass : passes) {
                NDList norms = new NDList(tasks);
                pass.gradients.forEach(g -> norms.add(g.norm()));
                double[] values = NDArrays.stack(norms).toType(DataType.FLOAT64, false).toDoubleArray();
                for (int k = 0; k < tasks; k++) {
                    squares[k] += values[k] * values[k];
                }
            }
            double[] norms = new double[tasks];
            for (int k = 0; k < tasks; k++) {
                norms[k] = nonFiniteChecked(k, Math.sqrt(squares[k]), "gradient w.r.t. the shared feature (norm)");
            }
            return norms;
        }

        /** Returns {@code ||Ḡ||}, the norm of the mean task gradient over the whole batch. */
        private double meanGradientNorm(List<ShardPass> passes) {
            double[] mean = new double[model.numTasks()];
            Arrays.fill(mean, 1.0 / mean.length);
            double square = 0;
            for (ShardPass pass : passes) {
                double norm = scalar(MultiTaskMethod.weightedSum(pass.gradients, mean).norm());
                square += norm * norm;
            }
            return Math.sqrt(square);
        }

        private double nonFiniteChecked(int task, double value, String what) {
            if (!Double.isFinite(value)) {
                throw new NonFiniteValueException(step, model.tasks().get(task).name(), what, value);
            }
            return value;
        }
    }

    /** Multiplies each head's parameter gradients by its factor (skipping factors of 1). */
    private void scaleHeadGradients(double[] factors) {
        for (int k = 0; k < factors.length; k++) {
            if (factors[k] == 1) {
                continue;
            }
            for (Pair<String, Parameter> p : model.tasks().get(k).head().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    try (NDArray gradient = p.getValue().getArray().getGradient()) {
                        gradient.muli(factors[k]);
                    }
                }
            }
        }
    }

    /** Returns a supplier that calls {@code supplier} once, on first use. */
    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * Checks that the batch is not empty and that every input and label has the batch's size first.
     *
     * @throws IllegalArgumentException naming the input or task at fault
     */
    private void checkBatch(NDList inputs, List<NDList> labels) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("the batch has no input array; the backbone needs at least one");
        }
        if (labels.size() != model.numTasks()) {
            throw new IllegalArgumentException("got labels for " + labels.size() + " tasks, but the model has "
                    + model.numTasks() + " tasks " + model.taskNames());
        }
        Shape first = inputs.head().getShape();
        if (first.dimension() == 0) {
            throw new IllegalArgumentException("input 0 is a scalar; inputs need the batch axis first, got shapes "
                    + Arrays.toString(inputs.getShapes()));
        }
        long batch = first.get(0);
        if (batch == 0) {
            throw new IllegalArgumentException("the batch is empty: input 0 has shape " + first);
        }
        for (int i = 1; i < inputs.size(); i++) {
            Shape shape = inputs.get(i).getShape();
            if (shape.dimension() == 0 || shape.get(0) != batch) {
                throw new IllegalArgumentException("input " + i + " has shape " + shape + " but input 0 has " + batch
                        + " samples (shape " + first + "): every input needs the batch size first");
            }
        }
        for (int k = 0; k < labels.size(); k++) {
            NDList taskLabels = labels.get(k);
            String task = model.tasks().get(k).name();
            if (taskLabels == null || taskLabels.isEmpty()) {
                throw new IllegalArgumentException("task '" + task + "' has no label array in this batch");
            }
            for (int i = 0; i < taskLabels.size(); i++) {
                Shape shape = taskLabels.get(i).getShape();
                if (shape.dimension() == 0 || shape.get(0) != batch) {
                    throw new IllegalArgumentException("task '" + task + "': label " + i + " has shape " + shape
                            + " but the batch has " + batch + " samples (inputs " + Arrays.toString(inputs.getShapes())
                            + "): the first dimension of every label must be the batch size");
                }
            }
        }
    }

    /** Runs the backbone, explaining a failure with the inputs the backbone was initialized for. */
    private NDArray backboneForward(NDList inputs) {
        try {
            return model.backbone().forward(parameterStore, inputs, true).head();
        } catch (EngineException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(describeInputMismatch(inputs) + ": " + e.getMessage(), e);
        }
    }

    /** Says which inputs the backbone got and which it was initialized for. */
    String describeInputMismatch(NDList inputs) {
        StringBuilder got = new StringBuilder();
        for (NDArray input : inputs) {
            got.append(got.length() == 0 ? "" : ", ").append(input.getShape()).append(' ').append(input.getDataType());
        }
        Shape[] expected = model.backbone().getInputShapes();
        return "the backbone " + model.backbone().getClass().getSimpleName() + " failed on inputs [" + got
                + "]; it was initialized for input shapes " + Arrays.toString(expected) + " with parameters of type "
                + model.getParameters().valueAt(0).getArray().getDataType();
    }

    /**
     * The authors' rotation target {@code v = ||Ḡ|| · (1/K) Σ_k G_k/||G_k||} of some rows, with their division in
     * log space, which turns a zero gradient into a zero contribution.
     *
     * @param gradients the rows' task gradients
     * @param norms {@code ||G_k||} over the whole batch
     * @param meanNorm {@code ||Ḡ||}, the norm of the mean task gradient over the whole batch
     */
    private static NDArray rotationTarget(NDList gradients, double[] norms, double meanNorm) {
        int tasks = gradients.size();
        double[] scales = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            scales[k] = referenceDivide(meanNorm, norms[k]) / tasks;
        }
        return MultiTaskMethod.weightedSum(gradients, scales);
    }

    private static double referenceDivide(double numerator, double denominator) {
        return Math.signum(numerator) * Math.signum(denominator)
                * Math.exp(Math.log(Math.abs(numerator) + EPSILON) - Math.log(Math.abs(denominator) + EPSILON));
    }

    private void checkParameterGradients(int step, StepTrace trace) {
        List<Pair<String, Parameter>> trained = new ArrayList<>(networkParameters);
        trained.addAll(rotationParameters);
        try (NDScope scope = new NDScope()) {
            NDList maxima = new NDList(trained.size());
            for (Pair<String, Parameter> p : trained) {
                NDArray gradient = p.getValue().getArray().getGradient();
                record(trace, "param_grad/" + p.getKey(), gradient);
                maxima.add(gradient.abs().max().toType(DataType.FLOAT64, false));
            }
            double[] values = NDArrays.stack(maxima).toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new NonFiniteValueException(step, null, "gradient of parameter " + trained.get(i).getKey(),
                            values[i]);
                }
            }
        }
    }

    private static void update(List<Pair<String, Parameter>> parameters, Optimizer optimizer) {
        for (Pair<String, Parameter> p : parameters) {
            NDArray weight = p.getValue().getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(p.getValue().getId(), weight, gradient);
            }
        }
    }

    private void zeroGradients() {
        for (List<Pair<String, Parameter>> group : List.of(networkParameters, rotationParameters)) {
            for (Pair<String, Parameter> p : group) {
                JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
            }
        }
    }

    private static void record(StepTrace trace, String key, NDArray value) {
        if (trace != null) {
            trace.put(key, value);
        }
    }

    private static double scalar(NDArray array) {
        return array.toType(DataType.FLOAT64, false).getDouble();
    }
}
