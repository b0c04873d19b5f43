package org.rotograd4j.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties that the Gram-matrix weightings share, or claim in their papers, on random and degenerate
 * gradients, in plain Java: {@code Σ_k w_k G_k} is compared in the coefficients {@code w} (full-rank gradients)
 * and through the Gram matrix ({@code <Σ_j w_j G_j, G_k> = (M w)_k}).
 */
class GramWeightingPropertiesTest {

    /** What a weighting's paper says about conflicts between the combined gradient and the task gradients. */
    enum Conflicts {
        /**
         * {@code <d, G_k> >= 0} for every task when the tasks agree, and also when they conflict if the gradients
         * are linearly independent (MGDA: always, {@code <d, G_k> >= ||d||²}; Nash-MTL: {@code <d, G_k> = 1/α_k}
         * wherever the bargaining solution exists).
         */
        NEVER,
        /** {@code <d, G_k> >= 0} for every task when no two task gradients conflict. */
        NONE_WHEN_THE_TASKS_AGREE,
        /** No claim. */
        NOT_CLAIMED
    }

    /** What a weighting's paper says about scaling one task's gradient, {@code G_k → s_k G_k}. */
    enum TaskScaling {
        /** The combined gradient {@code d} is unchanged (Nash-MTL). */
        SAME_COMBINATION,
        /**
         * The combined gradient stays on its line, up to a factor (IMTL-G: the line of equal projections on the
         * unit gradients, which scaling does not move; the factor can be negative).
         */
        SAME_LINE,
        /** No claim. */
        NOT_CLAIMED
    }

    /**
     * A weighting and its claims.
     *
     * @param name the method's name
     * @param weighting makes a weighting with fixed randomness
     * @param scalingExponent e in {@code w(s²M) = s^e w(M)}: scaling every gradient by s
     * @param permutationEquivariant whether permuting the tasks permutes the weights exactly, for any K
     * @param conflicts the paper's claim on conflicts
     * @param taskScaling the paper's claim on scaling one task
     */
    record Case(String name, Supplier<GramWeighting> weighting, int scalingExponent, boolean permutationEquivariant,
            Conflicts conflicts, TaskScaling taskScaling) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> weightings() {
        return Stream.of(
                new Case("MGDA", Mgda::new, 0, true, Conflicts.NEVER, TaskScaling.NOT_CLAIMED),
                // IMTL-G's equal projection can be negative, even when the tasks agree (rarely).
                new Case("IMTL-G", ImtlG::new, 0, true, Conflicts.NOT_CLAIMED, TaskScaling.SAME_LINE),
                new Case("CAGrad", () -> new CaGrad(0.4), 0, true, Conflicts.NONE_WHEN_THE_TASKS_AGREE,
                        TaskScaling.NOT_CLAIMED),
                new Case("Nash-MTL", NashMtl::new, -1, true, Conflicts.NEVER, TaskScaling.SAME_COMBINATION),
                // <d, G_k> = σ_min (M^½ 1)_k, which can be negative, even when the tasks agree (rarely).
                new Case("Aligned-MTL", AlignedMtl::new, 0, true, Conflicts.NOT_CLAIMED, TaskScaling.NOT_CLAIMED),
                // Its projection order is random: permutations permute the weights only in distribution (and
                // exactly for two tasks, which have one order).
                new Case("PCGrad", () -> new PCGrad(11), 0, false, Conflicts.NONE_WHEN_THE_TASKS_AGREE,
                        TaskScaling.NOT_CLAIMED));
    }

    private static final int TRIALS = 20;

    @ParameterizedTest
    @MethodSource("weightings")
    void permutingTheTasksPermutesTheWeights(Case c) {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < TRIALS; trial++) {
            int tasks = c.permutationEquivariant() ? 2 + trial % 4 : 2;
            double[][] g = gaussian(random, tasks, tasks + 2);
            int[] order = permutation(random, tasks);
            double[][] permuted = new double[tasks][];
            for (int k = 0; k < tasks; k++) {
                permuted[k] = g[order[k]];
            }
            double[] weights = c.weighting().get().weights(gram(g));
            double[] permutedWeights = c.weighting().get().weights(gram(permuted));
            for (int k = 0; k < tasks; k++) {
                assertClose(weights[order[k]], permutedWeights[k], c + " trial " + trial + " task " + k);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("weightings")
    void scalingEveryGradientScalesTheWeightsAsThePaperSays(Case c) {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < TRIALS; trial++) {
            int tasks = 2 + trial % 4;
            double[][] m = gram(gaussian(random, tasks, tasks + 2));
            double[] weights = c.weighting().get().weights(m);
            for (double s : new double[] {1e-3, 0.5, 7, 1e3}) {
                double[] scaled = c.weighting().get().weights(times(m, s * s));
                for (int k = 0; k < tasks; k++) {
                    assertClose(weights[k] * Math.pow(s, c.scalingExponent()), scaled[k],
                            c + " trial " + trial + " s " + s + " task " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("weightings")
    void scalingOneTaskKeepsWhatThePaperSays(Case c) {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < TRIALS && c.taskScaling() != TaskScaling.NOT_CLAIMED; trial++) {
            int tasks = 2 + trial % 4;
            double[][] g = gaussian(random, tasks, tasks + 2);
            double[] scales = new double[tasks];
            double[][] scaled = new double[tasks][];
            for (int k = 0; k < tasks; k++) {
                scales[k] = Math.exp(3 * (random.nextDouble() - 0.5));
                scaled[k] = times(g[k], scales[k]);
            }
            double[] weights = c.weighting().get().weights(gram(g));
            double[] scaledWeights = c.weighting().get().weights(gram(scaled));
            // Σ w'_k s_k G_k in the coefficients of the original gradients (linearly independent here).
            double[] coefficients = new double[tasks];
            for (int k = 0; k < tasks; k++) {
                coefficients[k] = scaledWeights[k] * scales[k];
            }
            double factor = c.taskScaling() == TaskScaling.SAME_COMBINATION ? 1
                    : Simplex.dot(coefficients, weights) / Simplex.dot(weights, weights);
            assertTrue(Math.abs(factor) > 1e-9, c + " trial " + trial + ": the combination vanished");
            for (int k = 0; k < tasks; k++) {
                assertClose(factor * weights[k], coefficients[k], c + " trial " + trial + " task " + k);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("weightings")
    void theCombinationConflictsWithNoTaskWhereThePaperSaysSo(Case c) {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 3 * TRIALS && c.conflicts() != Conflicts.NOT_CLAIMED; trial++) {
            int tasks = 2 + trial % 4;
            boolean agreeing = c.conflicts() == Conflicts.NONE_WHEN_THE_TASKS_AGREE || trial % 2 == 0;
            double[][] g = gaussian(random, tasks, agreeing ? 1 + trial % 6 : tasks + trial % 3);
            if (agreeing) {
                for (double[] row : g) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Math.abs(row[i]) * (trial % 3 == 0 && i % tasks != 0 ? 0 : 1);
                    }
                }
            }
            double[][] m = gram(g);
            double[] improvements = Simplex.times(m, c.weighting().get().weights(m));
            for (int k = 0; k < tasks; k++) {
                double scale = Math.sqrt(m[k][k] * Simplex.dot(improvements, improvements));
                assertTrue(improvements[k] >= -1e-9 * scale, c + " trial " + trial + (agreeing ? " (agreeing)" : "")
                        + ": <d, G_" + k + "> = " + improvements[k]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("weightings")
    void weightsStayFiniteForSingularGramMatrices(Case c) {
        SplittableRandom random = new SplittableRandom(5);
        double[] a = {1, -2, 0.5};
        double[] b = {0.3, 0.3, -1};
        List<double[][]> singular = new ArrayList<>(List.of(
                new double[][] {{0, 0, 0}, {0, 0, 0}},
                new double[][] {{0, 0, 0}, a, b},
                new double[][] {a, a, b},
                new double[][] {a, times(a, -1), b},
                new double[][] {a, times(a, 1e-12), times(b, 1e6)},
                new double[][] {a}));
        singular.add(gaussian(random, 4, 2));
        singular.add(gaussian(random, 5, 1));
        for (double[][] g : singular) {
            double[] weights = c.weighting().get().weights(gram(g));
            assertEquals(g.length, weights.length);
            for (double w : weights) {
                assertTrue(Double.isFinite(w), c + " gave " + w + " for " + Arrays.deepToString(g));
            }
        }
    }

    private static void assertClose(double expected, double actual, String message) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), message);
    }

    private static double[][] gaussian(SplittableRandom random, int rows, int columns) {
        double[][] g = new double[rows][columns];
        for (double[] row : g) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return g;
    }

    private static int[] permutation(SplittableRandom random, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static double[][] gram(double[][] g) {
        double[][] m = new double[g.length][g.length];
        for (int j = 0; j < g.length; j++) {
            for (int k = 0; k < g.length; k++) {
                m[j][k] = Simplex.dot(g[j], g[k]);
            }
        }
        return m;
    }

    private static double[] times(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    private static double[][] times(double[][] m, double factor) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = times(m[i], factor);
        }
        return out;
    }
}
