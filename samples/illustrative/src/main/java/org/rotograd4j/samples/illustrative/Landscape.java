package org.rotograd4j.samples.illustrative;

import ai.djl.ndarray.NDArray;
import org.rotograd4j.Scalars;

/**
 * The test functions {@code φ(r, o)} of the paper's illustrative example (§4): a single global optimum
 * at {@code o}, placed by the task. Each is written twice, on NDArrays for training and on doubles for
 * drawing; a test checks that the two agree.
 */
public enum Landscape {

    /** A convex, elongated and tilted bowl ("avocado-shaped"): {@code uᵀAu} with {@code u = r − o}. */
    CONVEX(0) {
        @Override
        NDArray evaluate(NDArray u0, NDArray u1) {
            return Scalars.times(u0.square(), A00).add(Scalars.times(u1.square(), A11))
                    .add(Scalars.times(u0.mul(u1), 2 * A01));
        }

        @Override
        double value(double u0, double u1) {
            return A00 * u0 * u0 + A11 * u1 * u1 + 2 * A01 * u0 * u1;
        }
    },

    /**
     * A non-convex function with many local optima around one global optimum, the one the authors' toy
     * example uses: {@code −(sin(3u₀)/u₀ + sin(3u₁)/u₁) + |u₀| + |u₁|}, minimum −6 at {@code u = 0}.
     */
    NON_CONVEX(-6) {
        @Override
        NDArray evaluate(NDArray u0, NDArray u1) {
            NDArray ripples = Scalars.times(u0, 3).sin().div(u0).add(Scalars.times(u1, 3).sin().div(u1));
            return ripples.neg().add(u0.abs()).add(u1.abs());
        }

        @Override
        double value(double u0, double u1) {
            return -(Math.sin(3 * u0) / u0 + Math.sin(3 * u1) / u1) + Math.abs(u0) + Math.abs(u1);
        }
    };

    private static final double A00 = 1.0;
    private static final double A11 = 0.25;
    private static final double A01 = 0.3;

    private final double minimum;

    Landscape(double minimum) {
        this.minimum = minimum;
    }

    /** Returns the value at the optimum. */
    public double minimum() {
        return minimum;
    }

    /** Returns {@code φ} at {@code u = r − o}, one value per row, on NDArrays of shape {@code [B]}. */
    abstract NDArray evaluate(NDArray u0, NDArray u1);

    /** Returns {@code φ} at {@code u = r − o} on doubles. */
    abstract double value(double u0, double u1);

    /** Returns {@code φ(r, o)} on doubles. */
    public double at(double r0, double r1, double[] optimum) {
        return value(r0 - optimum[0], r1 - optimum[1]);
    }
}
