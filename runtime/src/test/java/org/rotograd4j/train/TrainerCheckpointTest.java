package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rotograd4j.checkpoint.CheckpointException;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MethodDescriptor;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.optim.OptimizerFactory;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;

class TrainerCheckpointTest {

    private static BatchTrainer trainer(SmallProblem problem, MultiTaskMethod method) {
        return problem.trainer(method)
                .with(c -> c.optNetworkLearningRate(LearningRateSchedule.inverseDecay(1e-2, 0.1, 0.5)))
                .with(c -> c.optRotationLearningRate(LearningRateSchedule.twoTimescale(1e-3, 0.1, 0.5)))
                .with(c -> c.optNormalizeLosses(true))
                .with(c -> c.optBurnInPeriod(3))
                .build();
    }

    @ParameterizedTest
    @MethodSource("org.rotograd4j.method.Methods#all")
    void aLoadedTrainerContinuesBitwiseLikeAnUninterruptedOne(MethodDescriptor method, @TempDir Path folder) throws Exception {
        Path file = folder.resolve("run.safetensors");
        List<float[]> uninterrupted;
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6);
            BatchTrainer trainer = trainer(problem, method.create());
            for (int i = 0; i < 5; i++) {
                problem.step(trainer);
            }
            trainer.save(file);
            for (int i = 0; i < 5; i++) {
                problem.step(trainer);
            }
            uninterrupted = problem.snapshot();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6);
            BatchTrainer trainer = trainer(problem, method.create());
            trainer.load(file);
            assertEquals(5, trainer.steps());
            for (int i = 0; i < 5; i++) {
                problem.step(trainer);
            }
            List<float[]> resumed = problem.snapshot();
            for (int i = 0; i < resumed.size(); i++) {
                assertArrayEquals(uninterrupted.get(i), resumed.get(i), method + " parameter " + i);
            }
            assertTrue(trainer.steps() == 10);
        }
    }

    @Test
    void aCheckpointOfOtherHyperparametersIsRefused(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("run.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6);
            BatchTrainer trainer = trainer(problem, Methods.parse("gradnorm:1.5"));
            problem.step(trainer);
            trainer.save(file);
            BatchTrainer other = trainer(problem, Methods.parse("gradnorm:1"));
            CheckpointException e = assertThrows(CheckpointException.class, () -> other.load(file));
            assertTrue(e.getMessage().contains("trained with method gradnorm:1.5, this trainer uses gradnorm:1"),
                    e.getMessage());
        }
    }

    /** A training like the saved one, but for what a test changes. */
    private record Variant(int headUnits, int feature, int rotation, List<String> tasks, DataType dataType,
            MultiTaskMethod method, boolean sgd) {

        static Variant same() {
            return new Variant(1, 8, 6, List.of("t0", "t1", "t2"), DataType.FLOAT32, new RotoGrad(), false);
        }

        Variant headUnits(int units) {
            return new Variant(units, feature, rotation, tasks, dataType, method, sgd);
        }

        Variant feature(int size) {
            return new Variant(headUnits, size, rotation, tasks, dataType, method, sgd);
        }

        Variant rotation(int size) {
            return new Variant(headUnits, feature, size, tasks, dataType, method, sgd);
        }

        Variant tasks(String... names) {
            return new Variant(headUnits, feature, rotation, List.of(names), dataType, method, sgd);
        }

        Variant dataType(DataType type) {
            return new Variant(headUnits, feature, rotation, tasks, type, method, sgd);
        }

        Variant method(MultiTaskMethod other) {
            return new Variant(headUnits, feature, rotation, tasks, dataType, other, sgd);
        }

        Variant usingSgd() {
            return new Variant(headUnits, feature, rotation, tasks, dataType, method, true);
        }

        BatchTrainer build(NDManager manager) {
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(new SequentialBlock()
                    .add(Linear.builder().setUnits(feature).build()).add(Activation.tanhBlock()));
            for (String task : tasks) {
                builder.addTask(Task.of(task, Linear.builder().setUnits(headUnits).build(), Losses.meanSquaredError(task)));
            }
            if (rotation > 0) {
                builder.optRotation(rotation, FeatureAxis.FEATURES, RotationInit.HAAR, 5);
            }
            MultiTaskModel model = builder.build();
            model.initialize(manager, dataType, new Shape(SmallProblem.BATCH, SmallProblem.INPUTS));
            return new BatchTrainer(model, MultiTaskConfig.builder().optMethod(() -> method)
                    .optOptimizer(sgd ? OptimizerFactory.SGD : OptimizerFactory.ADAM)
                    .optNetworkLearningRate(sgd ? 0.1 : 1e-2)
                    .optRotationLearningRate(1e-3)
                    .build());
        }
    }

    private static void trainTwoSteps(BatchTrainer trainer, NDManager manager) {
        manager.getEngine().setRandomSeed(2);
        int tasks = trainer.model().numTasks();
        long units = trainer.model().tasks().get(0).head().getOutputShapes(new Shape[] {new Shape(1, 100)})[0].get(1);
        ai.djl.ndarray.NDList inputs = new ai.djl.ndarray.NDList(manager.randomNormal(
                new Shape(SmallProblem.BATCH, SmallProblem.INPUTS)).toType(trainer.model().getParameters().valueAt(0)
                .getArray().getDataType(), false));
        List<ai.djl.ndarray.NDList> labels = new java.util.ArrayList<>();
        for (int k = 0; k < tasks; k++) {
            labels.add(new ai.djl.ndarray.NDList(manager.randomNormal(new Shape(SmallProblem.BATCH, units))
                    .toType(inputs.head().getDataType(), false)));
        }
        trainer.step(inputs, labels);
        trainer.step(inputs, labels);
    }

    /** Saves the checkpoint of {@link Variant#same()} after two steps. */
    private static void saveTrained(Path file) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchTrainer trainer = Variant.same().build(manager);
            trainTwoSteps(trainer, manager);
            trainer.save(file);
        }
    }

    @Test
    void aCheckpointThatDoesNotFitFailsNamingTheMismatchAndChangesNothing(@TempDir Path folder) throws Exception {
        Path saved = folder.resolve("face.safetensors");
        saveTrained(saved);
        Map<Variant, String> expected = new LinkedHashMap<>();
        expected.put(Variant.same().headUnits(2),
                "task 't0' head parameter 'weight' has shape (1, 8) in the checkpoint, (2, 8) in the model");
        expected.put(Variant.same().feature(10), "has shape (8, 5) in the checkpoint, (10, 5) in the model");
        expected.put(Variant.same().rotation(4),
                "the checkpoint's rotations are {\"size\":6,\"axis\":\"FEATURES\"}, the model's are {\"size\":4");
        expected.put(Variant.same().tasks("t0", "t1"),
                "the checkpoint's tasks are [t0, t1, t2] (K = 3), the model's are [t0, t1] (K = 2)");
        expected.put(Variant.same().tasks("t0", "t1", "age"),
                "the checkpoint's tasks are [t0, t1, t2] (K = 3), the model's are [t0, t1, age] (K = 3)");
        expected.put(Variant.same().dataType(DataType.FLOAT64),
                "the checkpoint's parameters are float32, the model's are float64");
        expected.put(Variant.same().method(new Vanilla()), "trained with method rotograd, this trainer uses vanilla");
        expected.put(Variant.same().usingSgd(), "the network optimizer is Adam in the checkpoint, Sgd in the trainer");
        for (Map.Entry<Variant, String> entry : expected.entrySet()) {
            Variant variant = entry.getKey();
            String message = entry.getValue();
            try (NDManager manager = NDManager.newBaseManager()) {
                BatchTrainer target = variant.build(manager);
                trainTwoSteps(target, manager);
                Path before = folder.resolve("before.safetensors");
                target.save(before);
                CheckpointException e = assertThrows(CheckpointException.class, () -> target.load(saved));
                assertTrue(e.getMessage().startsWith(saved + ": "), e.getMessage());
                assertTrue(e.getMessage().contains(message), e.getMessage());
                Path after = folder.resolve("after.safetensors");
                target.save(after);
                assertArrayEquals(Files.readAllBytes(before), Files.readAllBytes(after),
                        "a failed load changed the training: " + message);
            }
        }
    }

    @Test
    void aDamagedCheckpointIsRefusedBeforeAnythingChanges(@TempDir Path folder) throws Exception {
        Path saved = folder.resolve("run.safetensors");
        saveTrained(saved);
        byte[] whole = Files.readAllBytes(saved);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchTrainer target = Variant.same().build(manager);
            Path before = folder.resolve("before.safetensors");
            target.save(before);
            Path damaged = folder.resolve("damaged.safetensors");
            for (int cut : new int[] {whole.length / 3, whole.length - 1}) {
                Files.write(damaged, Arrays.copyOf(whole, cut));
                CheckpointException e = assertThrows(CheckpointException.class, () -> target.load(damaged));
                assertTrue(e.getMessage().contains("damaged.safetensors"), e.getMessage());
            }
            byte[] flipped = whole.clone();
            flipped[whole.length - 5] ^= 1;
            Files.write(damaged, flipped);
            CheckpointException e = assertThrows(CheckpointException.class, () -> target.load(damaged));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            Path after = folder.resolve("after.safetensors");
            target.save(after);
            assertArrayEquals(Files.readAllBytes(before), Files.readAllBytes(after));
            target.load(saved);
            assertEquals(2, target.steps());
        }
    }

    @Test
    void anOptimizerWhoseStateCannotBeSavedIsAClearError(@TempDir Path folder) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 2, 0);
            BatchTrainer trainer = problem.trainer(new Vanilla())
                    .with(c -> c.optOptimizer(rate -> ai.djl.training.optimizer.Optimizer.adam().build())).build();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> trainer.save(folder.resolve("x.safetensors")));
            assertTrue(e.getMessage().contains("org.rotograd4j.optim.Adam"), e.getMessage());
            assertTrue(Files.notExists(folder.resolve("x.safetensors")));
        }
    }
}
