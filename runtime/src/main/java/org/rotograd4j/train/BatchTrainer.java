package org.rotograd4j.train;

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
     *     lacks, or rotates but combines gradients in the parameters' space
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
                pass.run(inputs, labels, collector, trace);
            }
            checkParameterGradients(pass.step, trace);
        } catch (NonFiniteValueException e) {
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

        Pass(int step, boolean anchor) {
            this.step = step;
            this.anchor = anchor;
            int tasks = model.numTasks();
            this.losses = new double[tasks];
            this.normalizedLosses = new double[tasks];
            this.referenceLosses = anchor || initialLosses == null ? new double[tasks] : initialLosses.clone();
            this.referenceBackboneLoss = initialBackboneLoss;
        }

        void run(NDList inputs, List<NDList> labels, GradientCollector collector, StepTrace trace) {
            NDArray z = backboneForward(inputs);
            TaskRotations rotationBlock = model.rotations();
            SubspaceRotation layout = rotationBlock == null ? null : rotationBlock.layout();
            if (layout != null) {
                layout.check(z.getShape());
            }
            NDArray detached = z.stopGradient();
            RotationMaps rotations = rotationBlock == null ? null : rotationBlock.maps();
            RotationMaps fixed = rotations == null ? null : rotations.detached();
            record(trace, "z", z);

            int tasks = model.numTasks();
            NDList gradients = new NDList(tasks);
            NDList rotatedGradients = new NDList(tasks);
            for (int k = 0; k < tasks; k++) {
                NDArray feature = fixed == null ? detached.duplicate() : layout.rotate(detached, fixed, k);
                feature.setRequiresGradient(true);
                NDArray loss = taskLoss(k, feature, labels.get(k), trace);
                collector.backward(normalizeLosses ? Scalars.dividedBy(loss, referenceLosses[k]) : loss);
                NDArray rotatedGradient = feature.getGradient();
                rotatedGradients.add(rotatedGradient);
                gradients.add(fixed == null ? rotatedGradient : layout.rotateBack(rotatedGradient, fixed, k));
                if (fixed != null && trace != null) {
                    record(trace, "rotation/" + k, fixed.matrix(k));
                }
                record(trace, "grad_r/" + k, rotatedGradient);
                record(trace, "grad_z/" + k, gradients.get(k));
            }
            double[] norms = norms(gradients);
            if (gradientSpace == GradientSpace.PARAMETERS) {
                combineParameterGradients(z, gradients, collector, trace);
                if (backboneLoss != null) {
                    collector.backward(extraBackboneLoss(z, inputs));
                }
                return;
            }
            combination = method.combine(new TaskGradients(gradients, norms, losses, normalizedLosses, step, anchor));
            scaleHeadGradients(combination.headWeights());
            NDArray methodLoss = combination.auxiliaryLoss();
            if (method.rotates()) {
                NDArray rotationObjective = method.rotationsLearnFromTaskLosses()
                        ? taskLossThroughRotations(detached, rotatedGradients, rotations, layout)
                        : rotationLoss(gradients, norms, rotatedGradients, rotations, layout, trace);
                methodLoss = methodLoss == null ? rotationObjective : rotationObjective.add(methodLoss);
            }
            if (methodLoss != null) {
                collector.backward(methodLoss);
            }
            NDArray backboneGradient = combination.backboneGradient().stopGradient();
            record(trace, "backbone_grad", backboneGradient);
            NDArray objective = z.mul(backboneGradient).sum();
            if (backboneLoss != null) {
                objective = objective.add(extraBackboneLoss(z, inputs));
            }
            collector.backward(objective);
        }

        /**
         * Back-propagates each task's feature gradient through the one backbone forward pass, keeping its graph
         * for the next task, to get each task's gradient with respect to the backbone's parameters; lets the
         * method combine those, and leaves the combination in the parameters' gradients.
         */
        private void combineParameterGradients(NDArray z, NDList featureGradients, GradientCollector collector,
                StepTrace trace) {
            List<Parameter> backbone = new ArrayList<>();
            model.backbone().getParameters().forEach(p -> {
                if (p.getValue().requiresGradient()) {
                    backbone.add(p.getValue());
                }
            });
            NDList perTask = new NDList(featureGradients.size());
            for (NDArray featureGradient : featureGradients) {
                // DJL's collector frees the graph after each backward; the engine's call can keep it.
                JniUtils.backward((PtNDArray) z, (PtNDArray) featureGradient, true, false);
                NDList flat = new NDList(backbone.size());
                for (Parameter p : backbone) {
                    flat.add(p.getArray().getGradient().reshape(-1).duplicate());
                    JniUtils.zeroGrad((PtNDArray) p.getArray());
                }
                perTask.add(NDArrays.concat(flat));
            }
            combination = method.combine(new TaskGradients(perTask, norms(perTask), losses, normalizedLosses, step, anchor));
            scaleHeadGradients(combination.headWeights());
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

        /** RotoGrad's rotation loss, summed over the tasks; records each task's value. */
        private NDArray rotationLoss(NDList gradients, double[] norms, NDList rotatedGradients, RotationMaps rotations,
                SubspaceRotation layout, StepTrace trace) {
            NDArray target = rotationTarget(gradients, norms);
            record(trace, "target", target);
            NDArray perTask = layout.rotationLoss(target, rotatedGradients, rotations);
            rotationLosses = perTask.toType(DataType.FLOAT64, false).toDoubleArray();
            return perTask.sum();
        }

        /**
         * A scalar whose gradient with respect to each {@code R_k} is that of the task loss {@code L_k}
         * ({@code Σ_n g̃_{n,k} z_nᵀ} on the rotated block): {@code Σ_k <R_k z, g̃_k>} with {@code g̃_k} constant.
         */
        private NDArray taskLossThroughRotations(NDArray feature, NDList rotatedGradients, RotationMaps rotations,
                SubspaceRotation layout) {
            NDArray total = null;
            for (int k = 0; k < rotatedGradients.size(); k++) {
                NDArray term = layout.rotate(feature, rotations, k).mul(rotatedGradients.get(k)).sum();
                total = total == null ? term : total.add(term);
            }
            return total;
        }

        /** Multiplies each head's parameter gradients by the method's head weight, when it gives any. */
        private void scaleHeadGradients(double[] weights) {
            if (weights == null) {
                return;
            }
            for (int k = 0; k < weights.length; k++) {
                if (weights[k] == 1) {
                    continue;
                }
                for (Pair<String, Parameter> p : model.tasks().get(k).head().getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        p.getValue().getArray().getGradient().muli(weights[k]);
                    }
                }
            }
        }

        private NDArray taskLoss(int k, NDArray feature, NDList labels, StepTrace trace) {
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
            if (task.weight() != 1) {
                loss = Scalars.times(loss, task.weight());
            }
            losses[k] = scalar(loss);
            if (!Double.isFinite(losses[k])) {
                throw new NonFiniteValueException(step, task.name(), "loss", losses[k]);
            }
            if (anchor) {
                referenceLosses[k] = losses[k];
            }
            if (normalizeLosses && referenceLosses[k] == 0) {
                throw new IllegalStateException("task '" + task.name() + "': its reference loss L^0 is 0, so losses"
                        + " cannot be normalized by it; train without normalized losses");
            }
            normalizedLosses[k] = losses[k] / Math.max(referenceLosses[k], EPSILON);
            return loss;
        }

        private NDArray extraBackboneLoss(NDArray z, NDList inputs) {
            NDArray extra = backboneLoss.compute(z, inputs);
            double value = scalar(extra);
            if (!Double.isFinite(value)) {
                throw new NonFiniteValueException(step, null, "backbone loss", value);
            }
            if (anchor) {
                referenceBackboneLoss = value;
            }
            return normalizeLosses ? Scalars.dividedBy(extra, referenceBackboneLoss) : extra;
        }

        private double[] norms(NDList gradients) {
            NDList norms = new NDList(gradients.size());
            gradients.forEach(g -> norms.add(g.norm()));
            double[] values = NDArrays.stack(norms).toType(DataType.FLOAT64, false).toDoubleArray();
            for (int k = 0; k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    throw new NonFiniteValueException(step, model.tasks().get(k).name(),
                            "gradient w.r.t. the shared feature (norm)", values[k]);
                }
            }
            return values;
        }
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
     * The authors' rotation target {@code v = ||Ḡ|| · (1/K) Σ_k G_k/||G_k||}, with their division in log
     * space, which turns a zero gradient into a zero contribution.
     */
    private static NDArray rotationTarget(NDList gradients, double[] norms) {
        int tasks = gradients.size();
        double[] ones = new double[tasks];
        java.util.Arrays.fill(ones, 1.0 / tasks);
        double meanNorm = scalar(MultiTaskMethod.weightedSum(gradients, ones).norm());
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
