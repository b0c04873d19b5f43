package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.RotoGradNorm;

/** Trainers and trainings used from threads other than the one that built them, and from several at once. */
class ThreadingTest {

    private static final long TIMEOUT_S = 60;

    private static void stepTimes(SmallProblem problem, BatchTrainer trainer, int steps) {
        for (int i = 0; i < steps; i++) {
            problem.step(trainer);
        }
    }

    private static void assertSameParameters(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of parameters");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": parameter " + i);
        }
    }

    private static boolean sameParameters(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aTrainerBuiltHereStepsFromAnotherThreadExactlyAsHere() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem elsewhere = new SmallProblem(manager, 3, 6);
            BatchTrainer elsewhereTrainer = elsewhere.trainer(new RotoGrad()).build();
            List<float[]> initial = elsewhere.snapshot();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                executor.submit(() -> stepTimes(elsewhere, elsewhereTrainer, 20)).get(TIMEOUT_S, TimeUnit.SECONDS);
            } finally {
                executor.shutdownNow();
            }
            assertEquals(20, elsewhereTrainer.steps());

            SmallProblem here = new SmallProblem(manager, 3, 6);
            BatchTrainer hereTrainer = here.trainer(new RotoGrad()).build();
            stepTimes(here, hereTrainer, 20);

            List<float[]> trained = here.snapshot();
            assertFalse(sameParameters(initial, trained), "20 steps changed no parameter");
            assertSameParameters(trained, elsewhere.snapshot(), "stepped on another thread");
        }
    }

    /** A trainer on its own manager, with a method and a problem of its own. */
    private static final class Run {
        final NDManager manager = NDManager.newBaseManager();
        final SmallProblem problem;
        final BatchTrainer trainer;

        Run(int tasks, int rotationSize, MultiTaskMethod method) {
            problem = new SmallProblem(manager, tasks, rotationSize);
            trainer = problem.trainer(method).build();
        }
    }

    @Test
    void twoTrainersSteppedAtOnceFromTwoThreadsEndAsIfSteppedAlone() throws Exception {
        int steps = 30;
        Run aloneA = new Run(3, 6, new RotoGrad());
        Run aloneB = new Run(2, 4, new RotoGradNorm(1.5));
        Run concurrentA = new Run(3, 6, new RotoGrad());
        Run concurrentB = new Run(2, 4, new RotoGradNorm(1.5));
        try {
            stepTimes(aloneA.problem, aloneA.trainer, steps);
            stepTimes(aloneB.problem, aloneB.trainer, steps);

            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Run run : List.of(concurrentA, concurrentB)) {
                    futures.add(executor.submit((Callable<Void>) () -> {
                        ready.countDown();
                        start.await();
                        stepTimes(run.problem, run.trainer, steps);
                        return null;
                    }));
                }
                ready.await(TIMEOUT_S, TimeUnit.SECONDS);
                start.countDown();
                for (Future<?> future : futures) {
                    future.get(TIMEOUT_S, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }
            assertEquals(steps, concurrentA.trainer.steps());
            assertEquals(steps, concurrentB.trainer.steps());
            assertSameParameters(aloneA.problem.snapshot(), concurrentA.problem.snapshot(), "trainer A");
            assertSameParameters(aloneB.problem.snapshot(), concurrentB.problem.snapshot(), "trainer B");
        } finally {
            for (Run run : List.of(aloneA, aloneB, concurrentA, concurrentB)) {
                run.manager.close();
            }
        }
    }

    private static MultiTaskModel freshModel() {
        return MultiTaskModel.builder()
                .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation.tanhBlock()))
                .addTask(Task.of("a", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse_a")))
                .addTask(Task.of("b", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse_b")))
                .build();
    }

    /** Builds a training of a fresh model with {@code seed} and returns its initial parameters. */
    private static List<float[]> initialWeights(int seed) {
        try (MultiTaskTraining training = MultiTaskTraining.builder(freshModel())
                .setInputShapes(new Shape(1, 4))
                .optConfig(MultiTaskConfig.builder().optSeed(seed).optConsoleProgress(false).build())
                .build()) {
            List<float[]> values = new ArrayList<>();
            training.model().getParameters().forEach(p -> values.add(p.getValue().getArray().toFloatArray()));
            return values;
        }
    }

    @Test
    void seededTrainingsBuiltAtOnceInTwoThreadsGetTheirSeedsWeights() throws Exception {
        List<float[]> seed1 = initialWeights(1);
        List<float[]> seed2 = initialWeights(2);
        assertFalse(sameParameters(seed1, seed2), "seeds 1 and 2 gave the same initial weights");
        assertSameParameters(seed1, initialWeights(1), "seed 1 built twice alone");

        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<float[]>>> futures = new ArrayList<>();
                for (int seed : new int[] {1, 2}) {
                    futures.add(executor.submit(() -> {
                        ready.countDown();
                        start.await();
                        return initialWeights(seed);
                    }));
                }
                ready.await(TIMEOUT_S, TimeUnit.SECONDS);
                start.countDown();
                assertSameParameters(seed1, futures.get(0).get(TIMEOUT_S, TimeUnit.SECONDS), "round " + round + ", seed 1");
                assertSameParameters(seed2, futures.get(1).get(TIMEOUT_S, TimeUnit.SECONDS), "round " + round + ", seed 2");
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
