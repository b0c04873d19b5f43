package org.rotograd4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.rotograd4j.loss.Losses;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.rotation.RotationInit;

/** A small regression problem for trainer tests: an MLP backbone, linear heads, fixed random data. */
final class SmallProblem {

    static final int BATCH = 16;
    static final int INPUTS = 5;
    static final int FEATURE = 8;

    final NDList inputs;
    final List<NDList> labels = new ArrayList<>();
    final MultiTaskModel model;

    SmallProblem(NDManager manager, int tasks, int rotationSize, IntFunction<Loss> losses) {
        manager.getEngine().setRandomSeed(11);
        inputs = new NDList(manager.randomNormal(new Shape(BATCH, INPUTS)));
        for (int k = 0; k < tasks; k++) {
            labels.add(new NDList(manager.randomNormal(new Shape(BATCH, 1))));
        }
        Block backbone = new SequentialBlock()
                .add(Linear.builder().setUnits(FEATURE).build())
                .add(Activation.tanhBlock());
        MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(backbone);
        for (int k = 0; k < tasks; k++) {
            builder.addTask(Task.of("t" + k, Linear.builder().setUnits(1).build(), losses.apply(k)));
        }
        if (rotationSize > 0) {
            builder.optRotation(rotationSize, RotationInit.HAAR, 5);
        }
        model = builder.build();
        model.initialize(manager, DataType.FLOAT32, new Shape(BATCH, INPUTS));
    }

    SmallProblem(NDManager manager, int tasks, int rotationSize) {
        this(manager, tasks, rotationSize, k -> Losses.meanSquaredError("mse" + k));
    }

    /** Starts a trainer of this problem: Adam at 1e-2 (network) and 1e-3 (rotations), burn-in at step 5. */
    Setup trainer(MultiTaskMethod method) {
        return new Setup(model, MultiTaskConfig.builder()
                .optMethod(() -> method)
                .optNetworkLearningRate(1e-2)
                .optRotationLearningRate(1e-3)
                .optBurnInPeriod(5));
    }

    /** A trainer of a problem, with its configuration still open to change. */
    static final class Setup {
        private final MultiTaskModel model;
        private final MultiTaskConfig.Builder config;

        Setup(MultiTaskModel model, MultiTaskConfig.Builder config) {
            this.model = model;
            this.config = config;
        }

        /** Changes the configuration. */
        Setup with(java.util.function.UnaryOperator<MultiTaskConfig.Builder> change) {
            change.apply(config);
            return this;
        }

        /** Makes the trainer. */
        BatchTrainer build() {
            return new BatchTrainer(model, config.build());
        }
    }

    StepResult step(BatchTrainer trainer) {
        return trainer.step(inputs, labels);
    }

    /** Copies every parameter of the model (rotations included) to Java arrays. */
    List<float[]> snapshot() {
        List<float[]> values = new ArrayList<>();
        model.getParameters().forEach(p -> values.add(p.getValue().getArray().toFloatArray()));
        return values;
    }

    /** A loss that is NaN at the given call (0-based) and MSE otherwise. */
    static Loss nanAtCall(int call) {
        return new Loss("nan-at-" + call) {
            private int calls;

            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray mse = predictions.head().sub(labels.head()).square().mean();
                return calls++ == call ? mse.mul(Float.NaN) : mse;
            }
        };
    }
}
