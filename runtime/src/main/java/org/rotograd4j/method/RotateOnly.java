package org.rotograd4j.method;

/**
 * RotoGrad's direction part alone (paper §3.2): the rotations learn to align the task gradients, and the
 * backbone receives the plain sum {@code Σ_k G_k} of the gradients pulled back through them.
 */
public final class RotateOnly implements MultiTaskMethod {

    @Override
    public String name() {
        return "RotateOnly";
    }

    @Override
    public boolean rotates() {
        return true;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        return Vanilla.plainSum(gradients);
    }
}
