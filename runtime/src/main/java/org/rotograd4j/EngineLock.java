package org.rotograd4j;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Guards the parts of PyTorch that are one per process, so that the library works from any thread.
 *
 * <p>DJL's PyTorch engine allows one gradient collector at a time in the whole process, and its random
 * generator (used by DJL's initializers) is global. Training steps, seeded initialization and checkpoint
 * loads run under this lock: two trainers used from two threads take turns, step by step, and never fail.
 * PyTorch's grad mode, on the other hand, belongs to each thread: {@link #call} switches it off on the
 * calling thread (the state DJL expects outside a gradient collector) before the work starts.
 */
public final class EngineLock {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private EngineLock() {}

    /**
     * Work that returns a result and may throw a checked exception.
     *
     * @param <T> the result
     * @param <E> the exception
     */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        /**
         * Does the work.
         *
         * @return the result
         * @throws E when the work fails
         */
        T get() throws E;
    }

    /**
     * Runs {@code work} holding the lock, with grad mode off on this thread.
     *
     * @param work what to run
     * @param <T> its result
     * @param <E> what it may throw
     * @return the result of {@code work}
     * @throws E when {@code work} throws it
     */
    public static <T, E extends Exception> T call(Work<T, E> work) throws E {
        LOCK.lock();
        try {
            JniUtils.setGradMode(false);
            return work.get();
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Runs {@code work} holding the lock, with grad mode off on this thread.
     *
     * @param work what to run
     */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
