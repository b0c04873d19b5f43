package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MethodDescriptor;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;

/**
 * A step split over N shards (N devices, emulated by listing the default device N times) equals the one-device step on
 * the whole batch, for every registered method: losses, task weights, rotation losses and every parameter after
 * each of several steps (an anchor step, a re-anchoring at the end of the burn-in, and one more), in float64 to
 * 1e-12 relative and in float32 to 1e-5, with even and uneven shards.
 */
class ShardedStepTest {

    private static final int BATCH = 7;
    private static final int INPUTS = 5;
    private static final int FEATURE = 8;
    private static final int TASKS = 3;
    private static final int ROTATED = 6;
    private static final int STEPS = 3;

    static Stream<Arguments> everyMethodInBothPrecisions() {
        List<Arguments> cases = new ArrayList<>();
        for (MethodDescriptor method : Methods.all()) {
            cases.add(Arguments.of(method.name(), DataType.FLOAT64));
            cases.add(Arguments.of(method.name(), DataType.FLOAT32));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyMethodInBothPrecisions")
    void shardsGiveTheOneDeviceStep(String method, DataType dataType) {
        boolean rotates = Methods.descriptor(method).rotates();
        Problem problem = new Problem(dataType, rotates, false);
        Function<MultiTaskConfig.Builder, MultiTaskConfig.Builder> config = c -> c
                .optMethod(() -> Methods.parse(method))
                .optNormalizeLosses(true)
                .optBurnInPeriod(1);
        List<Snapshot> whole = problem.train(config);
        assertMatches(whole, problem.train(config.andThen(c -> c.optDevices(emulated(2)))), dataType,
                method + ", 2 shards (4 + 3)");
        assertMatches(whole, problem.train(config.andThen(c -> c.optDevices(emulated(3)))), dataType,
                method + ", 3 shards (3 + 2 + 2)");
    }

    static Stream<String> methodsThatCombineInTheParametersSpace() {
        return Methods.all().stream().filter(m -> !m.rotates()).map(MethodDescriptor::name);
    }

    @ParameterizedTest
    @MethodSource("methodsThatCombineInTheParametersSpace")
    void shardsGiveTheOneDeviceStepInTheParametersSpace(String method) {
        Problem problem = new Problem(DataType.FLOAT64, false, false);
        Function<MultiTaskConfig.Builder, MultiTaskConfig.Builder> config = c -> c
                .optMethod(() -> Methods.parse(method))
                .optGradientSpace(GradientSpace.PARAMETERS);
        assertMatches(problem.train(config), problem.train(config.andThen(c -> c.optDevices(emulated(3)))),
                DataType.FLOAT64, method + " in the parameters' space, 3 shards");
    }

    @Test
    void shardsGiveTheOneDeviceStepOnAConvFeatureMapWithABackboneLoss() {
        Problem problem = new Problem(DataType.FLOAT64, true, true);
        Function<MultiTaskConfig.Builder, MultiTaskConfig.Builder> config = c -> c
                .optMethod(RotoGrad::new)
                .optNormalizeLosses(true)
                .optBackboneLoss((z, inputs) -> z.square().mean());
        assertMatches(problem.train(config), problem.train(config.andThen(c -> c.optDevices(emulated(3)))),
                DataType.FLOAT64, "RotoGrad on a conv map, 3 shards");
    }

    @Test
    void aBatchSmallerThanTheDevicesIsRefusedNamingBoth() {
        Problem problem = new Problem(DataType.FLOAT32, false, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchTrainer trainer = problem.trainer(manager, c -> c.optMethod(Vanilla::new).optDevices(emulated(8)));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> trainer.step(problem.inputs(manager), problem.labels(manager)));
            assertTrue(error.getMessage().contains("7 samples") && error.getMessage().contains("8 devices"),
                    error.getMessage());
            assertEquals(0, trainer.steps());
        }
    }

    @Test
    void aStepTraceIsRefusedForAShardedStep() {
        Problem problem = new Problem(DataType.FLOAT32, false, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchTrainer trainer = problem.trainer(manager, c -> c.optMethod(Vanilla::new).optDevices(emulated(2)));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> trainer.step(problem.inputs(manager), problem.labels(manager), new StepTrace()));
            assertTrue(error.getMessage().contains("2 devices"), error.getMessage());
        }
    }

    /** Returns the engine's default device (where the test's models are) {@code count} times. */
    private static Device[] emulated(int count) {
        Device[] devices = new Device[count];
        java.util.Arrays.fill(devices, ai.djl.engine.Engine.getInstance().defaultDevice());
        return devices;
    }

    private static void assertMatches(List<Snapshot> expected, List<Snapshot> actual, DataType dataType, String what) {
        double tolerance = dataType == DataType.FLOAT64 ? 1e-12 : 1e-5;
        for (int step = 0; step < expected.size(); step++) {
            Snapshot want = expected.get(step);
            Snapshot got = actual.get(step);
            String at = what + ", after step " + step + ": ";
            assertClose(want.losses(), got.losses(), tolerance, at + "losses");
            assertClose(want.weights(), got.weights(), tolerance, at + "task weights");
            assertClose(want.rotationLosses(), got.rotationLosses(), tolerance, at + "rotation losses");
            assertEquals(want.parameters().size(), got.parameters().size());
            for (int p = 0; p < want.parameters().size(); p++) {
                assertClose(want.parameters().get(p).getValue(), got.parameters().get(p).getValue(), tolerance,
                        at + want.parameters().get(p).getKey());
            }
        }
    }

    /** Checks {@code |a − b| ≤ tolerance · max(1, max|a|)} entry by entry: relative to the array's scale. */
    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            assertTrue(error <= tolerance * scale, what + "[" + i + "]: expected " + expected[i] + " but was "
                    + actual[i] + " (error " + error + ", tolerance " + tolerance * scale + ")");
        }
    }

    /** What a step gave, and the parameters after it. */
    private record Snapshot(double[] losses, double[] weights, double[] rotationLosses,
            List<Pair<String, double[]>> parameters) {}

    /**
     * Three regression tasks on a small backbone (a dense one, or a convolution whose feature is a map), with a
     * partial rotation when the method rotates; the same initial weights and batch every time it is trained.
     */
    private record Problem(DataType dataType, boolean rotated, boolean convolutional) {

        List<Snapshot> train(Function<MultiTaskConfig.Builder, MultiTaskConfig.Builder> config) {
            try (NDManager manager = NDManager.newBaseManager()) {
                BatchTrainer trainer = trainer(manager, config);
                NDList inputs = inputs(manager);
                List<NDList> labels = labels(manager);
                List<Snapshot> snapshots = new ArrayList<>();
                for (int step = 0; step < STEPS; step++) {
                    StepResult result = trainer.step(inputs, labels);
                    List<Pair<String, double[]>> parameters = new ArrayList<>();
                    for (Pair<String, ai.djl.nn.Parameter> p : trainer.model().getParameters()) {
                        NDArray value = p.getValue().getArray();
                        parameters.add(new Pair<>(p.getKey(), value.toType(DataType.FLOAT64, false).toDoubleArray()));
                    }
                    snapshots.add(new Snapshot(result.losses(), result.taskWeights(), result.rotationLosses(),
                            parameters));
                }
                return snapshots;
            }
        }

        BatchTrainer trainer(NDManager manager, Function<MultiTaskConfig.Builder, MultiTaskConfig.Builder> config) {
            manager.getEngine().setRandomSeed(11);
            Block backbone = convolutional
                    ? new SequentialBlock()
                            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                                    .setFilters(FEATURE).build())
                            .add(Activation.tanhBlock())
                    : new SequentialBlock().add(Linear.builder().setUnits(FEATURE).build()).add(Activation.tanhBlock());
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(backbone);
            for (int k = 0; k < TASKS; k++) {
                Block head = convolutional
                        ? new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(1).build())
                        : Linear.builder().setUnits(1).build();
                builder.addTask(Task.of("t" + k, head, Losses.meanSquaredError("mse" + k)));
            }
            if (rotated) {
                if (convolutional) {
                    builder.optRotation(ROTATED, FeatureAxis.CHANNELS, RotationInit.HAAR, 5);
                } else {
                    builder.optRotation(ROTATED, RotationInit.HAAR, 5);
                }
            }
            MultiTaskModel model = builder.build();
            model.initialize(manager, dataType, inputShape());
            return new BatchTrainer(model, config.apply(MultiTaskConfig.builder()
                    .optNetworkLearningRate(1e-2)
                    .optRotationLearningRate(1e-2)).build());
        }

        Shape inputShape() {
            return convolutional ? new Shape(BATCH, 2, 4, 4) : new Shape(BATCH, INPUTS);
        }

        NDList inputs(NDManager manager) {
            manager.getEngine().setRandomSeed(23);
            return new NDList(manager.randomNormal(inputShape()).toType(dataType, false));
        }

        List<NDList> labels(NDManager manager) {
            manager.getEngine().setRandomSeed(29);
            List<NDList> labels = new ArrayList<>();
            for (int k = 0; k < TASKS; k++) {
                labels.add(new NDList(manager.randomNormal(new Shape(BATCH, 1)).toType(dataType, false)));
            }
            return labels;
        }
    }
}
