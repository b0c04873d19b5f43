package org.rotograd4j.method;

/** Small dense linear algebra on K×K Gram matrices, shared by the methods that weigh task gradients. */
final class Simplex {

    private static final int MIN_NORM_ITERATIONS = 1000;

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
     * Gram matrix is {@code m}: Frank-Wolfe with away steps and exact line search (Lacoste-Julien and Jaggi,
     * 2015), which converges linearly, until its duality gap {@code wᵀMw − min_t (Mw)_t}, the most any task's
     * {@code <d, G_t>} can fall short of {@code ||d||²}, is below {@code 1e-13 · max_t M_tt}.
     */
    static double[] minNorm(double[][] m) {
        int k = m.length;
        double largest = 0;
        for (int i = 0; i < k; i++) {
            largest = Math.max(largest, m[i][i]);
        }
        double[] w = filled(k, 1.0 / k);
        for (int iteration = 0; iteration < MIN_NORM_ITERATIONS; iteration++) {
            double[] mw = times(m, w);
            double wmw = dot(w, mw);
            int toward = 0;
            int away = -1;
            for (int i = 0; i < k; i++) {
                toward = mw[i] < mw[toward] ? i : toward;
                away = w[i] > 0 && (away < 0 || mw[i] > mw[away]) ? i : away;
            }
            double gap = wmw - mw[toward];
            if (!(gap > 1e-13 * largest)) {
                break;
            }
            // Toward vertex t: w + γ(e_t − w), γ ≤ 1. Away from vertex a: w + γ(w − e_a), γ ≤ w_a / (1 − w_a).
            boolean towardStep = gap >= mw[away] - wmw || w[away] >= 1;
            int vertex = towardStep ? toward : away;
            double slope = towardStep ? mw[vertex] - wmw : wmw - mw[vertex];
            double curvature = wmw - 2 * mw[vertex] + m[vertex][vertex];
            double limit = towardStep ? 1 : w[vertex] / (1 - w[vertex]);
            double gamma = curvature <= 0 ? limit : Math.min(limit, -slope / curvature);
            double sign = towardStep ? 1 : -1;
            for (int i = 0; i < k; i++) {
                w[i] *= 1 - sign * gamma;
            }
            w[vertex] = gamma == limit && !towardStep ? 0 : w[vertex] + sign * gamma;
        }
        return w;
    }

    /** Returns {@code softmax(x)}, computed from {@code x − max(x)} so that no exponential overflows. */
    static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : x) {
            max = Math.max(max, value);
        }
        double[] out = new double[x.length];
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            out[k] = Math.exp(x[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < x.length; k++) {
            out[k] /= sum;
        }
        return out;
    }
}
