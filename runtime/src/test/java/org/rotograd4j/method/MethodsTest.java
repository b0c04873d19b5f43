package org.rotograd4j.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each method on small cases with known answers. */
class MethodsTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private TaskGradients gradients(double[][] g, double[] losses, int step) {
        NDList list = new NDList();
        double[] norms = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            list.add(manager.create(g[k]).reshape(1, g[k].length));
            norms[k] = Math.sqrt(Simplex.dot(g[k], g[k]));
        }
        return new TaskGradients(list, norms, losses, losses, step, step == 0);
    }

    private TaskGradients gradients(double[]... g) {
        return gradients(g, Simplex.filled(g.length, 1), 1);
    }

    private static double[] combined(Combination c) {
        return c.backboneGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @Test
    void pcGradRemovesTheConflictingComponents() {
        // g1·g2 = -1 < 0: g1' = g1 - (-1/2) g2 = (0.5, 0.5), g2' = g2 - (-1) g1 = (0, 1).
        Combination c = new PCGrad(3).combine(gradients(new double[] {1, 0}, new double[] {-1, 1}));
        assertArrayEquals(new double[] {0.5, 1.5}, combined(c), 1e-12);
        // Agreeing gradients are left alone.
        assertArrayEquals(new double[] {3, 1}, combined(new PCGrad(3).combine(
                gradients(new double[] {1, 0}, new double[] {2, 1}))), 1e-12);
    }

    @Test
    void mgdaMatchesTheTwoTaskClosedForm() {
        double[] g1 = {2, 0};
        double[] g2 = {-1, 1};
        double[] diff = {g2[0] - g1[0], g2[1] - g1[1]};
        // w1 = ((g2 - g1)·g2) / ||g1 - g2||², clipped to [0, 1].
        double w1 = Math.min(1, Math.max(0, Simplex.dot(diff, g2) / Simplex.dot(diff, diff)));
        Combination c = new Mgda().combine(gradients(g1, g2));
        assertArrayEquals(new double[] {w1, 1 - w1}, c.taskWeights(), 1e-9);
        assertArrayEquals(new double[] {w1 * g1[0] + (1 - w1) * g2[0], w1 * g1[1] + (1 - w1) * g2[1]}, combined(c), 1e-9);
    }

    @Test
    void imtlGGivesEqualProjectionsOnEveryTask() {
        double[][] g = {{3, 0, 1}, {0, 1, 0}, {-1, 2, 2}};
        Combination c = new ImtlG().combine(gradients(g));
        double[] d = combined(c);
        double first = Simplex.dot(d, g[0]) / Math.sqrt(Simplex.dot(g[0], g[0]));
        for (double[] task : g) {
            assertEquals(first, Simplex.dot(d, task) / Math.sqrt(Simplex.dot(task, task)), 1e-9);
        }
        assertEquals(1, c.taskWeights()[0] + c.taskWeights()[1] + c.taskWeights()[2], 1e-12);
        assertTrue(ImtlG.withRotations().rotationsLearnFromTaskLosses());
    }

    @Test
    void gradDropKeepsOnlyGradientsOfOneSignPerEntry() {
        double[] a = {1, -2, 3, 0.5, -1, 2};
        double[] b = {-1, -1, 1, -0.5, 2, -2};
        double[] kept = combined(new GradDrop(7).combine(gradients(a, b)));
        for (int i = 0; i < a.length; i++) {
            boolean positive = kept[i] == Math.max(a[i], 0) + Math.max(b[i], 0);
            boolean negative = kept[i] == Math.min(a[i], 0) + Math.min(b[i], 0);
            assertTrue(positive || negative, "entry " + i + " mixes signs: " + kept[i]);
        }
        // Pure entries are always kept whole.
        assertArrayEquals(new double[] {3, 4}, combined(new GradDrop(1).combine(
                gradients(new double[] {1, 3}, new double[] {2, 1}))), 1e-12);
        assertArrayEquals(kept, combined(new GradDrop(7).combine(gradients(a, b))), 0, "same seed, same draws");
    }

    @Test
    void uncertaintyWeightingLearnsItsLogVariances() {
        UncertaintyWeighting uw = new UncertaintyWeighting();
        uw.initialize(manager, DataType.FLOAT64, 2);
        Combination c;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            c = uw.combine(gradients(new double[][] {{1, 0}, {0, 1}}, new double[] {4, 0.5}, 0));
            collector.backward(c.auxiliaryLoss());
        }
        assertArrayEquals(new double[] {0.5, 0.5}, c.taskWeights(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, c.headWeights(), 1e-12);
        // d/ds (L e^{-s} / 2 + s / 2) at s = 0 is (1 - L) / 2.
        assertArrayEquals(new double[] {-1.5, 0.25}, uw.parameters().get(0).getArray().getGradient().toDoubleArray(),
                1e-12);
    }

    @Test
    void dwaWeighsByTheRatioOfRecentLosses() {
        DynamicWeightAverage dwa = new DynamicWeightAverage(2, 1);
        double[][] g = {{1, 0}, {0, 1}};
        assertArrayEquals(new double[] {1, 1}, dwa.combine(gradients(g, new double[] {4, 2}, 0)).taskWeights(), 0);
        dwa.commit();
        assertArrayEquals(new double[] {1, 1}, dwa.combine(gradients(g, new double[] {2, 2}, 1)).taskWeights(), 0);
        dwa.commit();
        double[] weights = dwa.combine(gradients(g, new double[] {1, 1}, 2)).taskWeights();
        double e1 = Math.exp(0.5 / 2);
        double e2 = Math.exp(1.0 / 2);
        assertArrayEquals(new double[] {2 * e1 / (e1 + e2), 2 * e2 / (e1 + e2)}, weights, 1e-12);
    }

    @Test
    void rlwDrawsPositiveWeightsSummingToK() {
        RandomLossWeighting rlw = new RandomLossWeighting(5);
        double[] first = rlw.combine(gradients(new double[] {1}, new double[] {2}, new double[] {3})).taskWeights();
        double[] retried = rlw.combine(gradients(new double[] {1}, new double[] {2}, new double[] {3})).taskWeights();
        rlw.commit();
        double[] second = rlw.combine(gradients(new double[] {1}, new double[] {2}, new double[] {3})).taskWeights();
        assertEquals(3, first[0] + first[1] + first[2], 1e-12);
        assertTrue(first[0] > 0 && first[1] > 0 && first[2] > 0);
        assertArrayEquals(first, retried, 0, "a step that is not committed draws the same weights again");
        assertNotEquals(first[0], second[0]);
    }

    @Test
    void caGradReducesToTheSumAtZeroAndImprovesTheWorstTask() {
        double[] g1 = {1, 0};
        double[] g2 = {-0.8, 0.3};
        assertArrayEquals(new double[] {0.2, 0.3}, combined(new CaGrad(0).combine(gradients(g1, g2))), 1e-12);
        double[] d = combined(new CaGrad(0.5).combine(gradients(g1, g2)));
        double[] mean = {0.1, 0.15};
        double worstMean = Math.min(Simplex.dot(mean, g1), Simplex.dot(mean, g2)) / Math.sqrt(Simplex.dot(mean, mean));
        double worstD = Math.min(Simplex.dot(d, g1), Simplex.dot(d, g2)) / Math.sqrt(Simplex.dot(d, d));
        assertTrue(worstD > worstMean, "worst normalized improvement " + worstD + " vs " + worstMean);
    }

    @Test
    void alignedMtlMakesTheGradientsOrthogonalWithEqualNorms() {
        double[][] g = {{2, 0.5, 0}, {1, 1, 0}, {0, 0.2, 3}};
        double[][] gram = gradients(g).gram();
        double[][] b = AlignedMtl.balance(gram);
        // The aligned gradients B G have Gram matrix B M B = σ_min² I: orthogonal, all of norm σ_min.
        double[][] aligned = new double[3][];
        for (int i = 0; i < 3; i++) {
            aligned[i] = Simplex.times(gram, b[i]);
        }
        double sigma2 = Simplex.dot(b[0], aligned[0]);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? sigma2 : 0, Simplex.dot(b[i], aligned[j]), 1e-9, "entry " + i + "," + j);
            }
        }
        double[] weights = new AlignedMtl().weights(gram);
        assertEquals(b[1][0] + b[1][1] + b[1][2], weights[1], 1e-12);
    }

    @Test
    void famoShiftsWeightTowardTheTaskThatImprovesLess() {
        Famo famo = new Famo(0.1, 0);
        double[][] g = {{1, 0}, {0, 1}};
        double[] first = famo.combine(gradients(g, new double[] {1, 1}, 0)).taskWeights();
        assertArrayEquals(new double[] {1, 1}, first, 1e-12);
        famo.commit();
        // Task 0's loss halves, task 1's stays: task 1 should gain weight.
        famo.combine(gradients(g, new double[] {0.5, 1}, 1));
        famo.commit();
        double[] z = famo.taskWeights(2);
        assertTrue(z[1] > z[0], "weights " + z[0] + ", " + z[1]);
    }

    @Test
    void nashMtlSolvesTheBargainingCondition() {
        double[][] g = {{1, 0.2}, {-0.3, 2}, {0.5, 0.5}};
        double[][] gram = gradients(g).gram();
        double[] alpha = new NashMtl().weights(gram);
        double[] m = Simplex.times(gram, alpha);
        for (int k = 0; k < 3; k++) {
            assertTrue(alpha[k] > 0);
            assertEquals(1, m[k] * alpha[k], 1e-8);
        }
    }

    @Test
    void zeroGradientsNeverGiveNaN() {
        double[][] zero = {{0, 0}, {1, 2}};
        for (MethodDescriptor descriptor : Methods.all()) {
            MultiTaskMethod method = descriptor.create();
            method.initialize(manager, DataType.FLOAT64, 2);
            for (double value : combined(method.combine(gradients(zero, new double[] {1, 1}, 0)))) {
                assertTrue(Double.isFinite(value), descriptor + " gave " + value);
            }
        }
    }

}
