package org.rotograd4j.rotation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.rotograd4j.Scalars;

/**
 * The matrix exponential of a batch of square matrices, built from DJL operations so that autograd
 * differentiates through it.
 *
 * <p>Scaling and squaring around a degree-12 Taylor polynomial evaluated with the Paterson-Stockmeyer
 * scheme (five matrix products). The number of squarings comes from a power-iteration estimate of the
 * largest 2-norm in the batch, which for the skew-symmetric inputs of {@link TaskRotations} keeps
 * {@code RᵀR − I} at float32 round-off for sizes up to 1024.
 */
final class MatrixExponential {

    /** Largest 2-norm of the scaled matrix for which the Taylor polynomial is below float32 round-off. */
    private static final double THETA_FLOAT32 = 1.0;
    /** The same for float64 (truncation error about 3e-14 relative). */
    private static final double THETA_FLOAT64 = 0.5;
    /** Power-iteration steps of the norm estimate, and the margin put on top of it. */
    private static final int POWER_ITERATIONS = 12;
    private static final double NORM_MARGIN = 1.25;

    private static final double[] INVERSE_FACTORIALS = new double[13];

    static {
        double factorial = 1;
        for (int i = 0; i < INVERSE_FACTORIALS.length; i++) {
            factorial *= Math.max(1, i);
            INVERSE_FACTORIALS[i] = 1 / factorial;
        }
    }

    private MatrixExponential() {}

    /**
     * Returns {@code exp(x)} for each matrix of {@code x}.
     *
     * @param x matrices of shape {@code (..., m, m)}
     * @return the exponentials, same shape and data type, differentiable with respect to {@code x}
     */
    public static NDArray expm(NDArray x) {
        Shape shape = x.getShape();
        int m = (int) shape.get(shape.dimension() - 1);
        if (shape.dimension() < 2 || shape.get(shape.dimension() - 2) != m) {
            throw new IllegalArgumentException("expm needs square matrices, got shape " + shape);
        }
        double theta = x.getDataType() == DataType.FLOAT64 ? THETA_FLOAT64 : THETA_FLOAT32;
        double norm = NORM_MARGIN * spectralNormEstimate(x);
        int squarings = norm <= theta ? 0 : (int) Math.ceil(Math.log(norm / theta) / Math.log(2));

        NDArray a = squarings == 0 ? x : Scalars.dividedBy(x, Math.pow(2, squarings));
        NDArray eye = x.getManager().eye(m).toType(x.getDataType(), false);
        NDArray a2 = a.matMul(a);
        NDArray a3 = a2.matMul(a);
        NDArray a4 = a2.matMul(a2);
        NDArray high = cubic(a, a2, a3, eye, 9).add(Scalars.times(a4, c(12)));
        NDArray middle = cubic(a, a2, a3, eye, 5);
        NDArray low = cubic(a, a2, a3, eye, 1);
        NDArray result = high.matMul(a4).add(middle).matMul(a4).add(low);
        for (int i = 0; i < squarings; i++) {
            result = result.matMul(result);
        }
        return result;
    }

    /** {@code c(k-1)·I + c(k)·a + c(k+1)·a² + c(k+2)·a³}. */
    private static NDArray cubic(NDArray a, NDArray a2, NDArray a3, NDArray eye, int k) {
        return Scalars.times(a3, c(k + 2)).add(Scalars.times(a2, c(k + 1))).add(Scalars.times(a, c(k)))
                .add(Scalars.times(eye, c(k - 1)));
    }

    private static double c(int i) {
        return INVERSE_FACTORIALS[i];
    }

    /**
     * Estimates the largest spectral norm over the batch by power iteration on {@code xᵀx}; the result
     * is a lower bound that converges from below.
     */
    static double spectralNormEstimate(NDArray x) {
        NDArray matrices = x.stopGradient();
        Shape shape = matrices.getShape();
        int m = (int) shape.get(shape.dimension() - 1);
        long batch = shape.size() / ((long) m * m);
        NDManager manager = matrices.getManager();
        NDArray flat = matrices.reshape(batch, m, m);
        NDArray transposed = flat.transpose(0, 2, 1);
        // A fixed, generic start vector: deterministic and almost surely not orthogonal to the top space.
        NDArray v = manager.arange(1, m + 1).toType(matrices.getDataType(), false).sin().add(1.5)
                .reshape(1, m, 1).repeat(0, batch);
        for (int i = 0; i < POWER_ITERATIONS; i++) {
            NDArray w = transposed.matMul(flat.matMul(v));
            NDArray norms = w.norm(new int[] {1}, true).maximum(1e-30);
            v = w.div(norms);
        }
        double norm = flat.matMul(v).norm(new int[] {1, 2}).max().toType(DataType.FLOAT64, false).getDouble();
        // A non-finite input gives a non-finite result, which the training step reports.
        return Double.isFinite(norm) ? norm : 0;
    }
}
