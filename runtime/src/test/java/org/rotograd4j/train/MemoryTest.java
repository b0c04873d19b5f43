package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.rotograd4j.method.RotoGradNorm;

/** Training does not leak native arrays: their number stays flat over 2,000 steps. */
class MemoryTest {

    @Test
    void liveArraysStayFlatOverTwoThousandSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SmallProblem problem = new SmallProblem(manager, 3, 6);
            // RotoGradNorm exercises everything: rotations, method parameters, Adam state for all of them.
            BatchTrainer trainer = problem.trainer(new RotoGradNorm(1.0)).with(c -> c.optNormalizeLosses(true)).build();
            for (int i = 0; i < 50; i++) {
                problem.step(trainer);
            }
            int afterWarmUp = manager.getManagedArrays().size();
            int peak = afterWarmUp;
            for (int i = 0; i < 2000; i++) {
                problem.step(trainer);
                if (i % 100 == 0) {
                    peak = Math.max(peak, manager.getManagedArrays().size());
                }
            }
            int atEnd = manager.getManagedArrays().size();
            System.out.printf("live native arrays: %d after 50 warm-up steps, %d after 2,000 more (peak %d)%n",
                    afterWarmUp, atEnd, peak);
            assertEquals(afterWarmUp, atEnd, "live arrays after warm-up vs after 2,000 more steps");
            assertEquals(afterWarmUp, peak, "live arrays sampled every 100 steps");
        }
    }
}
