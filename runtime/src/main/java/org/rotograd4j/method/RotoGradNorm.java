package org.rotograd4j.method;

/**
 * RotoGrad's rotations combined with GradNorm's learned task weights, as the authors' library offers: the
 * rotations learn from RotoGrad's rotation loss and the magnitudes from {@link GradNorm}.
 */
public final class RotoGradNorm extends GradNorm {

    /**
     * Creates the method.
     *
     * @param alpha GradNorm's asymmetry {@code α ≥ 0}
     */
    public RotoGradNorm(double alpha) {
        super(alpha, true);
    }

    @Override
    public String name() {
        return "RotoGradNorm";
    }
}
