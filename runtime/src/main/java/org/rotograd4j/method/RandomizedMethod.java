package org.rotograd4j.method;

import java.util.Set;
import java.util.SplittableRandom;
import org.rotograd4j.checkpoint.SavedState;

/**
 * Base of the methods that draw random numbers at every step (PCGrad, GradDrop, RLW). A step's generator is
 * a pure function of the method's seed and of the number of steps it has completed, so that a failed or
 * skipped step consumes nothing and the whole random state is one counter in a checkpoint. The seed is the
 * method's one hyperparameter ({@link Hyperparameter#seed}).
 */
abstract class RandomizedMethod implements MultiTaskMethod {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final String COMPLETED_STEPS = "completed_steps";

    private final long seed;
    private int completedSteps;

    /**
     * Creates the method.
     *
     * @param seed the seed of its random draws, from 0 to {@link Hyperparameter#LARGEST_SEED}
     * @throws IllegalArgumentException when the seed is out of that range
     */
    RandomizedMethod(long seed) {
        descriptor().check(seed);
        this.seed = seed;
    }

    @Override
    public final double[] hyperparameters() {
        return new double[] {seed};
    }

    /** Returns a new generator for the current step; the same one until the step is committed. */
    final SplittableRandom stepRandom() {
        return new SplittableRandom(mix(mix(seed + (completedSteps + 1L) * GOLDEN_GAMMA)));
    }

    /**
     * Returns a new generator for one sample of the current step: a pure function of the seed, the step and the
     * sample's index in the whole batch, so that the draws do not depend on how the batch is split.
     */
    final SplittableRandom sampleRandom(long sample) {
        return new SplittableRandom(mix(stepRandom().nextLong() + (sample + 1) * GOLDEN_GAMMA));
    }

    @Override
    public final void commit() {
        completedSteps++;
    }

    @Override
    public final SavedState saveState() {
        return SavedState.builder().put(COMPLETED_STEPS, completedSteps).build();
    }

    @Override
    public final Runnable prepareRestore(SavedState state) {
        state.requireOnly(Set.of(COMPLETED_STEPS));
        int steps = state.count(COMPLETED_STEPS);
        return () -> completedSteps = steps;
    }

    /** SplitMix64's finalizer: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
