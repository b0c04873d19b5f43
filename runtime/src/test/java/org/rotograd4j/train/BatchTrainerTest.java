package org.rotograd4j.train;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.rotograd4j.loss.Losses;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rotograd4j.method.MethodDescriptor;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotateOnly;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.RotoGradNorm;
import org.rotograd4j.method.Vanilla;

class BatchTrainerTest {

    private static MultiTaskMethod method(String name) {
        return switch (name) {
            case "Vanilla" -> new Vanilla();
            case "RotateOnly" -> new RotateOnly();
            case "RotoGrad" -> new RotoGrad();
            case "RotoGradNorm" -> new RotoGradNorm(1.5);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("org.rotograd4j.method.Methods#all")
    void everyMethodLowersTheTotalLoss(MethodDescriptor name) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6);
            BatchTrainer trainer = problem.trainer(name.create()).build();
            double first = problem.step(trainer).totalLoss();
            double last = first;
            for (int i = 0; i < 150; i++) {
                last = problem.step(trainer).totalLoss();
            }
            assertTrue(last < 0.7 * first, name + ": total loss went from " + first + " to " + last);
            assertEquals(151, trainer.steps());
        }
    }

    @Test
    void imtlGWithRotationsTrainsThemOnTheTaskLosses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 2, 4);
            StepTrace trace = new StepTrace();
            problem.trainer(org.rotograd4j.method.ImtlG.withRotations()).build()
                    .step(problem.inputs, problem.labels, trace);
            // dL_k/dR_k = Σ_n g̃_{n,k} z_nᵀ on the rotated block.
            double[] z = trace.get("z");
            double[] expected = new double[2 * 4 * 4];
            for (int k = 0; k < 2; k++) {
                double[] g = trace.get("grad_r/" + k);
                for (int n = 0; n < SmallProblem.BATCH; n++) {
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 4; j++) {
                            expected[k * 16 + i * 4 + j] += g[n * SmallProblem.FEATURE + i] * z[n * SmallProblem.FEATURE + j];
                        }
                    }
                }
            }
            // At A = 0, R = B·expm(S(A)) has dL/dA = tril(Bᵀ·dL/dR − (Bᵀ·dL/dR)ᵀ, −1), with B = R.
            double[] expectedA = new double[expected.length];
            for (int k = 0; k < 2; k++) {
                double[] b = trace.get("rotation/" + k);
                double[] p = new double[16];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        for (int l = 0; l < 4; l++) {
                            p[i * 4 + j] += b[l * 4 + i] * expected[k * 16 + l * 4 + j];
                        }
                    }
                }
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < i; j++) {
                        expectedA[k * 16 + i * 4 + j] = p[i * 4 + j] - p[j * 4 + i];
                    }
                }
            }
            assertArrayEquals(expectedA, trace.get("param_grad/rotations_rotation_param"), 1e-5);
        }
    }

    @Test
    void theParameterSpaceGivesVanillaTheSameGradientsAndOtherMethodsTheirOwn() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager twinManager = NDManager.newBaseManager()) {
            SmallProblem feature = new SmallProblem(manager, 3, 0);
            SmallProblem parameters = new SmallProblem(twinManager, 3, 0);
            StepTrace featureTrace = new StepTrace();
            StepTrace parameterTrace = new StepTrace();
            feature.trainer(new Vanilla()).build().step(feature.inputs, feature.labels, featureTrace);
            parameters.trainer(new Vanilla()).with(c -> c.optGradientSpace(GradientSpace.PARAMETERS)).build()
                    .step(parameters.inputs, parameters.labels, parameterTrace);
            for (String key : featureTrace.keys()) {
                if (key.startsWith("param_grad/")) {
                    assertArrayEquals(featureTrace.get(key), parameterTrace.get(key), 1e-5, key);
                }
            }
            StepResult pcGrad = parameters.trainer(new org.rotograd4j.method.PCGrad(1))
                    .with(c -> c.optGradientSpace(GradientSpace.PARAMETERS)).build().step(parameters.inputs, parameters.labels);
            assertEquals(3, pcGrad.taskWeights().length);
            IllegalStateException rotating = assertThrows(IllegalStateException.class, () -> new SmallProblem(
                    manager, 2, 4).trainer(new RotoGrad()).with(c -> c.optGradientSpace(GradientSpace.PARAMETERS)).build());
            assertTrue(rotating.getMessage().contains("use GradientSpace.FEATURE"), rotating.getMessage());
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(GradientSpace.class)
    void batchNormStatisticsMoveOncePerStepInEitherGradientSpace(GradientSpace space) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            NDList inputs = new NDList(manager.randomNormal(2, 1, new Shape(32, 4), DataType.FLOAT32));
            ai.djl.nn.norm.BatchNorm batchNorm = ai.djl.nn.norm.BatchNorm.builder().optMomentum(0.5f).build();
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(new ai.djl.nn.SequentialBlock()
                    .add(ai.djl.nn.core.Linear.builder().setUnits(6).build()).add(batchNorm));
            List<NDList> labels = new java.util.ArrayList<>();
            for (int k = 0; k < 3; k++) {
                builder.addTask(Task.of("t" + k, ai.djl.nn.core.Linear.builder().setUnits(1).build(),
                        org.rotograd4j.loss.Losses.meanSquaredError("mse" + k)));
                labels.add(new NDList(manager.randomNormal(new Shape(32, 1))));
            }
            MultiTaskModel model = builder.build();
            model.initialize(manager, DataType.FLOAT32, new Shape(32, 4));
            NDArray linear = model.backbone().getChildren().get(0).getValue()
                    .forward(new ai.djl.training.ParameterStore(manager, false), inputs, false).head();
            // One training forward pass moves the running mean from 0 halfway to the batch mean.
            float[] expected = linear.mean(new int[] {0}).mul(0.5).toFloatArray();
            new BatchTrainer(model, MultiTaskConfig.builder().optGradientSpace(space).build()).step(inputs, labels);
            float[] runningMean = batchNorm.getParameters().get("runningMean").getArray().toFloatArray();
            assertArrayEquals(expected, runningMean, 1e-5f, space + ": the running mean moved more than once");
        }
    }

    @Test
    void rotationsLearnOnlyWhenTheMethodRotates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 2, 4);
            float[] before = problem.model.rotations().generator().getArray().toFloatArray();
            BatchTrainer vanilla = problem.trainer(new Vanilla()).build();
            problem.step(vanilla);
            assertArrayEquals(before, problem.model.rotations().generator().getArray().toFloatArray());
            BatchTrainer rotoGrad = problem.trainer(new RotoGrad()).build();
            problem.step(rotoGrad);
            assertFalse(java.util.Arrays.equals(before, problem.model.rotations().generator().getArray().toFloatArray()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RotoGrad", "RotoGradNorm", "RotateOnly"})
    void aTaskWithZeroGradientNeverProducesNaN(String name) {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Task 1's loss ignores the prediction: its gradient is exactly zero at every step.
            Loss constant = new Loss("constant") {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    return predictions.head().mul(0).sum().add(labels.head().square().mean());
                }
            };
            SmallProblem problem = new SmallProblem(manager, 2, 6, k -> k == 1 ? constant : Losses.meanSquaredError("mse"));
            BatchTrainer trainer = problem.trainer(method(name)).build();
            for (int i = 0; i < 10; i++) {
                StepResult result = problem.step(trainer);
                for (double w : result.taskWeights()) {
                    assertTrue(Double.isFinite(w), name + " weights " + java.util.Arrays.toString(result.taskWeights()));
                }
                for (double loss : result.rotationLosses()) {
                    assertTrue(Double.isFinite(loss));
                }
            }
            for (float[] values : problem.snapshot()) {
                for (float v : values) {
                    assertTrue(Float.isFinite(v), name + " produced a non-finite parameter");
                }
            }
        }
    }

    @Test
    void aNaNLossFailsTheStepNamingTaskAndStepAndChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager();
                NDManager twinManager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6, k -> k == 2 ? SmallProblem.nanAtCall(3) : Losses.meanSquaredError("mse"));
            SmallProblem twin = new SmallProblem(twinManager, 3, 6);
            BatchTrainer trainer = problem.trainer(new RotoGrad()).build();
            BatchTrainer twinTrainer = twin.trainer(new RotoGrad()).build();
            for (int i = 0; i < 3; i++) {
                problem.step(trainer);
                twin.step(twinTrainer);
            }
            List<float[]> before = problem.snapshot();
            NonFiniteValueException e = assertThrows(NonFiniteValueException.class, () -> problem.step(trainer));
            assertEquals("t2", e.task());
            assertEquals(3, e.step());
            assertTrue(e.getMessage().contains("step 3: loss of task 't2' is NaN"), e.getMessage());
            List<float[]> after = problem.snapshot();
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "parameter " + i + " changed in a failed step");
            }
            assertEquals(3, trainer.steps());
            // Optimizer and method state were untouched too: the next step matches a run that never failed.
            problem.step(trainer);
            twin.step(twinTrainer);
            List<float[]> expected = twin.snapshot();
            List<float[]> actual = problem.snapshot();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i + " differs from the twin run");
            }
        }
    }

    @Test
    void theSkipPolicyCountsTheStepAndGoesOn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 2, 6, k -> k == 0 ? SmallProblem.nanAtCall(1) : Losses.meanSquaredError("mse"));
            BatchTrainer trainer = problem.trainer(new RotoGrad()).with(c -> c.optNonFinitePolicy(NonFinitePolicy.SKIP)).build();
            assertFalse(problem.step(trainer).skipped());
            assertTrue(problem.step(trainer).skipped());
            assertFalse(problem.step(trainer).skipped());
            assertEquals(1, trainer.skippedSteps());
            assertEquals(2, trainer.steps());
        }
    }

    @Test
    void shapeAndSetupMistakesAreClearErrors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 0);
            BatchTrainer trainer = problem.trainer(new Vanilla()).build();
            IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                    () -> trainer.step(problem.inputs, problem.labels.subList(0, 2)));
            assertTrue(labels.getMessage().contains("got labels for 2 tasks, but the model has 3 tasks"),
                    labels.getMessage());
            IllegalStateException noRotations = assertThrows(IllegalStateException.class,
                    () -> problem.trainer(new RotoGrad()).build());
            assertTrue(noRotations.getMessage().contains("RotoGrad learns task rotations, but the model has none"));

            List<NDList> wrongLabels = List.of(problem.labels.get(0), problem.labels.get(1),
                    new NDList(manager.ones(new ai.djl.ndarray.types.Shape(3, 7))));
            IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                    () -> trainer.step(problem.inputs, wrongLabels));
            assertTrue(shapes.getMessage().startsWith("task 't2'"), shapes.getMessage());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> new SmallProblem(manager, 2, SmallProblem.FEATURE + 1));
        }
    }

    @Test
    void normalizedLossesAreOneAtTheAnchorSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 2, 6);
            BatchTrainer trainer = problem.trainer(new RotoGrad()).with(c -> c.optNormalizeLosses(true)).build();
            for (int t = 0; t < 8; t++) {
                StepResult result = problem.step(trainer);
                if (t == 0 || t == 5) {
                    assertArrayEquals(new double[] {1, 1}, result.normalizedLosses(), 1e-12, "step " + t);
                    assertArrayEquals(new double[] {0.5, 0.5}, ((RotoGrad) trainer.method()).lastMagnitudes().alphas(),
                            1e-12, "alphas at anchor step " + t);
                }
            }
        }
    }
}
