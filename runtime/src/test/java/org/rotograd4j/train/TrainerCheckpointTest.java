package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rotograd4j.method.Methods;
import org.rotograd4j.optim.Adam;
import org.rotograd4j.optim.LearningRateSchedule;

class TrainerCheckpointTest {

    private static MultiTaskTrainer trainer(SmallProblem problem, String method) {
        return problem.trainer(Methods.parse(method))
                .setNetworkOptimizer(Adam.builder().setLearningRate(LearningRateSchedule.inverseDecay(1e-2, 0.1, 0.5)).build())
                .optRotationOptimizer(Adam.builder().setLearningRate(LearningRateSchedule.twoTimescale(1e-3, 0.1, 0.5)).build())
                .optNormalizeLosses(true)
                .optBurnInPeriod(3)
                .build();
    }

    @ParameterizedTest
    @MethodSource("org.rotograd4j.method.Methods#names")
    void aLoadedTrainerContinuesBitwiseLikeAnUninterruptedOne(String method, @TempDir Path folder) throws Exception {
        Path file = folder.resolve("run.safetensors");
        List<float[]> uninterrupted;
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6);
            MultiTaskTrainer trainer = trainer(problem, method);
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
            MultiTaskTrainer trainer = trainer(problem, method);
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
}
