package org.rotograd4j.benchmarks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.samples.celeba.CelebAConvModel;
import org.rotograd4j.samples.celeba.CelebAConvModelMultiTask;
import org.rotograd4j.samples.celeba.CelebAResNetModel;
import org.rotograd4j.samples.celeba.CelebAResNetModelMultiTask;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;

/**
 * A model and batch whose training step the benchmark times: the table of workloads. Inputs and labels
 * are random (the time of a step does not depend on their values).
 */
public enum Workload {
    /** The CelebA convolutional model: 64×3×64×64 images, d = 512, K = 40 binary tasks, m = 256. */
    CONV("conv", "CelebA conv, 64x3x64x64, d=512, K=40, m=256", 64, 256, 2, 5),
    /** An MLP 784-1024-1024, batch 128, K = 3 regression heads, m = 256. */
    MLP_256("mlp-256", "MLP 784-1024-1024, batch 128, K=3, m=256", 128, 256, 5, 20),
    /** The same MLP with m = 1024 (the whole feature). */
    MLP_1024("mlp-1024", "MLP 784-1024-1024, batch 128, K=3, m=1024", 128, 1024, 5, 20),
    /** The CelebA ResNet-18: 16×3×64×64 images (a reduced batch), d = 2048, K = 40, m = 1536. */
    RESNET("resnet", "CelebA ResNet-18, 16x3x64x64, d=2048, K=40, m=1536", 16, 1536, 1, 3);

    private static final int IMAGE_SIZE = 64;
    private static final int MLP_INPUTS = 784;
    private static final int MLP_WIDTH = 1024;
    private static final int MLP_TASKS = 3;

    private final String id;
    private final String description;
    private final int batch;
    private final int rotationSize;
    private final int warmUpSteps;
    private final int measuredSteps;

    Workload(String id, String description, int batch, int rotationSize, int warmUpSteps, int measuredSteps) {
        this.id = id;
        this.description = description;
        this.batch = batch;
        this.rotationSize = rotationSize;
        this.warmUpSteps = warmUpSteps;
        this.measuredSteps = measuredSteps;
    }

    /**
     * Returns the workload's name on the command line and in the results.
     *
     * @return for example {@code mlp-1024}
     */
    public String id() {
        return id;
    }

    /**
     * Returns what the workload trains.
     *
     * @return the model, batch, tasks and rotation size in words
     */
    public String description() {
        return description;
    }

    /**
     * Returns the size m of the rotated subspace.
     *
     * @return m
     */
    public int rotationSize() {
        return rotationSize;
    }

    /**
     * Returns the steps run before timing starts, unless the command line says otherwise.
     *
     * @return the default warm-up steps
     */
    public int warmUpSteps() {
        return warmUpSteps;
    }

    /**
     * Returns the steps timed, unless the command line says otherwise.
     *
     * @return the default measured steps
     */
    public int measuredSteps() {
        return measuredSteps;
    }

    /**
     * Finds a workload by its {@link #id()}.
     *
     * @param id the name
     * @return the workload
     * @throws IllegalArgumentException naming the known workloads
     */
    public static Workload of(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id)) {
                return workload;
            }
        }
        List<String> known = new ArrayList<>();
        for (Workload workload : values()) {
            known.add(workload.id);
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: " + known);
    }

    /**
     * Returns the annotated (or, for the MLP, hand-built) set-up of a fresh model, rotations included.
     *
     * @return the model's builder
     */
    MultiTaskModel.Builder model() {
        return switch (this) {
            case CONV -> CelebAConvModelMultiTask.builder(new CelebAConvModel());
            case RESNET -> CelebAResNetModelMultiTask.builder(new CelebAResNetModel(IMAGE_SIZE));
            case MLP_256, MLP_1024 -> mlp(rotationSize);
        };
    }

    /**
     * Returns the shape of one input batch.
     *
     * @return {@code (batch, 3, 64, 64)} for the CelebA models, {@code (batch, 784)} for the MLP
     */
    Shape inputShape() {
        return this == CONV || this == RESNET ? new Shape(batch, 3, IMAGE_SIZE, IMAGE_SIZE) : new Shape(batch, MLP_INPUTS);
    }

    /**
     * Returns random inputs for one batch.
     *
     * @param manager where the arrays live
     * @return the batch's inputs
     */
    NDList inputs(NDManager manager) {
        return new NDList(manager.randomNormal(inputShape()));
    }

    /**
     * Returns random labels for one batch: bits for the CelebA attributes, Gaussian targets for the MLP.
     *
     * @param manager where the arrays live
     * @param tasks the number of tasks
     * @return one label list per task
     */
    List<NDList> labels(NDManager manager, int tasks) {
        List<NDList> labels = new ArrayList<>(tasks);
        for (int k = 0; k < tasks; k++) {
            labels.add(new NDList(this == CONV || this == RESNET
                    ? manager.randomUniform(0, 1, new Shape(batch, 1)).gt(0.5).toType(DataType.FLOAT32, false)
                    : manager.randomNormal(new Shape(batch, 1))));
        }
        return labels;
    }

    private static MultiTaskModel.Builder mlp(int rotationSize) {
        SequentialBlock backbone = new SequentialBlock()
                .add(Linear.builder().setUnits(MLP_WIDTH).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(MLP_WIDTH).build()).add(Activation.reluBlock());
        MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(backbone)
                .optRotation(rotationSize, RotationInit.HAAR, 1);
        for (int k = 0; k < MLP_TASKS; k++) {
            builder.addTask(Task.of("t" + k, Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse")));
        }
        return builder;
    }
}
