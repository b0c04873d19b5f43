package org.rotograd4j.checkpoint;

/**
 * Checks a {@link SavedState} and returns what installs it, so that a checkpoint is validated whole before
 * anything changes.
 */
@FunctionalInterface
public interface StateRestorer {

    /** A restorer that accepts any state and installs nothing. */
    StateRestorer IGNORE = state -> () -> {};

    /**
     * Checks {@code state} completely without changing anything.
     *
     * @param state the saved state
     * @return the action that installs the state; it must not fail
     * @throws IllegalArgumentException naming what is wrong with the state
     */
    Runnable prepare(SavedState state);
}
