package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rotograd4j.Scalars;
import org.rotograd4j.method.MethodDescriptor;

/** A step that fails or is skipped changes nothing: parameters, optimizers, references, random generators. */
class FailedStepTest {

    private static final int BAD_STEP = 3;
    private static final int GOOD_STEPS = 6;

    /** Where the bad step goes wrong. */
    enum Fault {
        /** A task's loss is NaN: the step stops before the method combines anything. */
        LOSS,
        /** The backbone's extra loss is finite but its gradient is NaN: found after the method has combined. */
        GRADIENT
    }

    /**
     * Trains {@code GOOD_STEPS} steps; with {@code badPolicy}, one extra step in between goes wrong at
     * {@code fault}.
     */
    private static Outcome train(MethodDescriptor method, Fault fault, NonFinitePolicy badPolicy) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int badCall = badPolicy == null ? -1 : BAD_STEP;
            SmallProblem problem = new SmallProblem(manager, 3, 6,
                    k -> SmallProblem.nanAtCall(k == 1 && fault == Fault.LOSS ? badCall : -1));
            int[] backboneCalls = {0};
            BatchTrainer trainer = problem.trainer(method.create())
                    .with(c -> c.optBackboneLoss((z, inputs) -> backboneCalls[0]++ == badCall && fault == Fault.GRADIENT
                            ? Scalars.times(z, 0).sum().sqrt() // 0, with an infinite derivative
                            : Scalars.times(z.square().mean(), 1e-3)))
                    .with(c -> c.optNormalizeLosses(true))
                    .with(c -> c.optNonFinitePolicy(badPolicy == null ? NonFinitePolicy.FAIL : badPolicy))
                    .build();
            int calls = badPolicy == null ? GOOD_STEPS : GOOD_STEPS + 1;
            for (int call = 0; call < calls; call++) {
                if (call == BAD_STEP && badPolicy == NonFinitePolicy.FAIL) {
                    assertThrows(NonFiniteValueException.class, () -> problem.step(trainer));
                } else {
                    StepResult result = problem.step(trainer);
                    assertEquals(call == BAD_STEP && badPolicy == NonFinitePolicy.SKIP, result.skipped());
                }
            }
            return new Outcome(problem.snapshot(), trainer.steps(), trainer.method().saveState().toString(),
                    trainer.saveOwnState().toString());
        }
    }

    private record Outcome(List<float[]> parameters, int steps, String methodState, String trainerState) {}

    @ParameterizedTest
    @MethodSource("org.rotograd4j.method.Methods#all")
    void aSkippedOrFailedStepLeavesTrainingAsIfItNeverHappened(MethodDescriptor method) {
        Outcome clean = train(method, Fault.LOSS, null);
        for (Fault fault : Fault.values()) {
            for (NonFinitePolicy policy : NonFinitePolicy.values()) {
                check(method + " " + fault, clean, train(method, fault, policy), policy);
            }
        }
    }

    private static void check(String method, Outcome clean, Outcome interrupted, NonFinitePolicy policy) {
        {
            assertEquals(clean.steps(), interrupted.steps(), method + " " + policy);
            assertEquals(clean.methodState(), interrupted.methodState(), method + " " + policy + ": method state");
            assertTrue(interrupted.trainerState().contains("skipped_steps=[" + (policy == NonFinitePolicy.SKIP ? 1.0 : 0.0)),
                    interrupted.trainerState());
            for (int i = 0; i < clean.parameters().size(); i++) {
                assertArrayEquals(clean.parameters().get(i), interrupted.parameters().get(i),
                        method + " " + policy + ": parameter " + i);
            }
        }
    }
}
