package org.rotograd4j.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.EngineLock;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.StepTrace;
import org.rotograd4j.train.Task;

/** The trivialized parametrization: the same rotations and gradients at A = 0, bases that stay orthogonal. */
class TrivializedRotationsTest {

    private static final int BATCH = 16;

    private static MultiTaskModel model(NDManager manager, int m, RotationParametrization parametrization,
            DataType dataType) {
        manager.getEngine().setRandomSeed(3);
        MultiTaskModel.Builder builder = MultiTaskModel.builder()
                .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(m + 2).build()).add(Activation.tanhBlock()))
                .optRotation(m, RotationInit.HAAR, 9)
                .optRotationParametrization(parametrization);
        for (int k = 0; k < 3; k++) {
            builder.addTask(Task.of("t" + k, Linear.builder().setUnits(1).build(), Losses.meanSquaredError("t" + k)));
        }
        MultiTaskModel model = builder.build();
        model.initialize(manager, dataType, new Shape(BATCH, 5));
        return model;
    }

    private static BatchTrainer trainer(MultiTaskModel model, double rotationRate) {
        return new BatchTrainer(model, MultiTaskConfig.builder().optMethod(RotoGrad::new)
                .optNetworkLearningRate(1e-2).optRotationLearningRate(rotationRate).optBurnInPeriod(3).build());
    }

    private static List<NDList> labels(NDManager manager, DataType dataType) {
        List<NDList> labels = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            labels.add(new NDList(manager.randomNormal(new Shape(BATCH, 1)).toType(dataType, false)));
        }
        return labels;
    }

    @Test
    void atTheBaseTheGradientOfTheRotationsIsTheExactOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][] gradients = new double[2][];
            double[][] rotations = new double[2][];
            RotationParametrization[] both = RotationParametrization.values();
            for (int i = 0; i < both.length; i++) {
                MultiTaskModel model = model(manager, 6, both[i], DataType.FLOAT64);
                manager.getEngine().setRandomSeed(5);
                NDList inputs = new NDList(manager.randomNormal(new Shape(BATCH, 5)).toType(DataType.FLOAT64, false));
                StepTrace trace = new StepTrace();
                trainer(model, 1e-3).step(inputs, labels(manager, DataType.FLOAT64), trace);
                gradients[i] = trace.get("param_grad/rotations_rotation_param");
                rotations[i] = trace.get("rotation/1");
            }
            // Same base (seeded), A = 0: the series and expm agree in value and first derivative.
            assertArrayEquals(rotations[0], rotations[1], 1e-14);
            double largest = 0;
            for (double g : gradients[0]) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertTrue(largest > 1e-6, "the rotations get a gradient");
            assertArrayEquals(gradients[0], gradients[1], 1e-10 * largest);
        }
    }

    @Test
    void aBaseUpdateKeepsTheRotationsAndZeroesTheGenerator() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel model = model(manager, 8, RotationParametrization.TRIVIALIZED, DataType.FLOAT64);
            TaskRotations rotations = model.rotations();
            EngineLock.run(() -> {
                NDArray a = rotations.generator().getArray();
                a.set(new ai.djl.ndarray.index.NDIndex("..."), manager.randomNormal(a.getShape()).mul(0.05)
                        .toType(DataType.FLOAT64, false));
            });
            double[] before = rotations.matrices().toDoubleArray();
            rotations.updateBase();
            assertArrayEquals(before, rotations.matrices().toDoubleArray(), 1e-12);
            for (double value : rotations.generator().getArray().toDoubleArray()) {
                assertEquals(0, value);
            }
            assertTrue(rotations.generator().getArray().hasGradient(), "A still requires a gradient");
        }
    }

    @Test
    void basesStayOrthogonalOverALongRunInFloat32() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel model = model(manager, 32, RotationParametrization.TRIVIALIZED, DataType.FLOAT32);
            BatchTrainer trainer = trainer(model, 1e-2);
            manager.getEngine().setRandomSeed(5);
            NDList inputs = new NDList(manager.randomNormal(new Shape(BATCH, 5)));
            List<NDList> labels = labels(manager, DataType.FLOAT32);
            double first = trainer.step(inputs, labels).totalLoss();
            double last = first;
            for (int i = 1; i < 1000; i++) {
                last = trainer.step(inputs, labels).totalLoss();
            }
            assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
            NDArray b = model.rotations().base().getArray();
            NDArray identity = manager.eye(32).toType(DataType.FLOAT32, false);
            double drift = b.transpose(0, 2, 1).matMul(b).sub(identity).abs().max().getFloat();
            assertTrue(drift <= 1e-5, "max |BᵀB − I| = " + drift);
            NDArray r = model.rotations().matrices();
            double rotationDrift = r.transpose(0, 2, 1).matMul(r).sub(identity).abs().max().getFloat();
            assertTrue(rotationDrift <= 1e-5, "max |RᵀR − I| = " + rotationDrift);
        }
    }

    /** A trivialized model, its trainer and its one batch. */
    private record Run(MultiTaskModel model, BatchTrainer trainer, NDList inputs, List<NDList> labels) {

        static Run start(NDManager manager) {
            MultiTaskModel model = TrivializedRotationsTest.model(manager, 6, RotationParametrization.TRIVIALIZED,
                    DataType.FLOAT32);
            BatchTrainer trainer = TrivializedRotationsTest.trainer(model, 1e-2);
            manager.getEngine().setRandomSeed(5);
            NDList inputs = new NDList(manager.randomNormal(new Shape(BATCH, 5)));
            return new Run(model, trainer, inputs, TrivializedRotationsTest.labels(manager, DataType.FLOAT32));
        }

        void steps(int from, int to) {
            for (int i = from; i < to; i++) {
                trainer.step(inputs, labels);
            }
        }
    }

    @Test
    void aLoadedTrivializedTrainerContinuesBitwise(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("trivialized.safetensors");
        float[] uninterrupted;
        // 27 steps with a save at 13: a base update at 20 after the save, none exactly at the save.
        try (NDManager manager = NDManager.newBaseManager()) {
            Run run = Run.start(manager);
            run.steps(0, 13);
            run.trainer().save(file);
            run.steps(13, 27);
            uninterrupted = run.model().rotations().matrices().toFloatArray();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Run run = Run.start(manager);
            run.trainer().load(file);
            run.steps(13, 27);
            assertArrayEquals(uninterrupted, run.model().rotations().matrices().toFloatArray());
        }
    }
}
