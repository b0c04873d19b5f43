package org.rotograd4j.method;

/** Small dense linear algebra on K×K Gram matrices, shared by the methods that weigh task gradients. */
final class Simplex {

    private Simplex() {}

    /** Returns {@code M w}. */
    static double[] times(double[][] m, double[] w) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                out[i] += m[i][j] * w[j];
            }
        }
        return out;
    }

    /** Returns {@code aᵀ b}. */
    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Returns the vector of {@code length} entries equal to {@code value}. */
    static double[] filled(int length, double value) {
        double[] out = new double[length];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /**
     * Returns the weights on the simplex of the minimum-norm point of the convex hull of the gradients whose
     * Gram matrix is {@code m} (Frank-Wolfe with exact line search, as MGDA's solver).
     */
    static double[] minNorm(double[][] m) {
        int k = m.length;
        double[] w = filled(k, 1.0 / k);
        for (int iteration = 0; iteration < 250; iteration++) {
            double[] mw = times(m, w);
            int t = 0;
            for (int i = 1; i < k; i++) {
                if (mw[i] < mw[t]) {
                    t = i;
                }
            }
            double wmw = dot(w, mw);
            double denominator = wmw + m[t][t] - 2 * mw[t];
            double gamma = denominator <= 0 ? 0 : Math.min(1, Math.max(0, (wmw - mw[t]) / denominator));
            if (gamma < 1e-12) {
                break;
            }
            for (int i = 0; i < k; i++) {
                w[i] *= 1 - gamma;
            }
            w[t] += gamma;
        }
        return w;
    }
}
