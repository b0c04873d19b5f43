package org.rotograd4j.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** RotoGradNorm's combination and GradNorm loss against the formulas, written out in plain Java. */
class RotoGradNormTest {

    @Test
    void combinesWithItsWeightsAndDifferentiatesTheGradNormLoss() {
        double alpha = 1.5;
        double[][] g = {{1.0, -2.0, 0.5, 0.0}, {0.25, 0.25, -0.5, 1.0}, {3.0, 0.0, 0.0, -1.0}};
        double[] losses = {0.9, 0.5, 1.2};
        double[] logits = {1.0, 0.3, -0.4};
        int tasks = g.length;
        try (NDManager manager = NDManager.newBaseManager()) {
            RotoGradNorm method = new RotoGradNorm(alpha);
            method.initialize(manager, DataType.FLOAT64, tasks);
            method.parameters().get(0).getArray().set(logits);
            NDList gradients = new NDList();
            double[] norms = new double[tasks];
            for (int k = 0; k < tasks; k++) {
                gradients.add(manager.create(g[k], new ai.djl.ndarray.types.Shape(2, 2)));
                norms[k] = Math.sqrt(dot(g[k], g[k]));
            }
            Combination combination;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                combination = method.combine(new TaskGradients(gradients, norms, losses, losses, 3, false));
                collector.backward(combination.auxiliaryLoss());
            }

            double[] e = new double[tasks];
            double sum = 0;
            for (int k = 0; k < tasks; k++) {
                e[k] = Math.exp(logits[k]) + 1e-15;
                sum += e[k];
            }
            double[] w = new double[tasks];
            double[] combined = new double[4];
            for (int k = 0; k < tasks; k++) {
                w[k] = tasks * e[k] / sum;
                for (int i = 0; i < 4; i++) {
                    combined[i] += w[k] * g[k][i];
                }
            }
            assertArrayEquals(w, combination.taskWeights(), 1e-14);
            assertArrayEquals(combined, combination.backboneGradient().toDoubleArray(), 1e-14);
            assertEquals(tasks, w[0] + w[1] + w[2], 1e-14);

            double meanNorm = Math.sqrt(dot(combined, combined)) / tasks;
            double meanLoss = (losses[0] + losses[1] + losses[2]) / tasks;
            double[] expectedGradient = new double[tasks];
            for (int i = 0; i < tasks; i++) {
                double target = meanNorm * Math.pow(losses[i] / meanLoss, alpha);
                double sign = Math.signum(norms[i] * w[i] - target);
                for (int j = 0; j < tasks; j++) {
                    double dw = tasks * Math.exp(logits[j]) * ((i == j ? sum : 0) - e[i]) / (sum * sum);
                    expectedGradient[j] += sign * norms[i] * dw;
                }
            }
            NDArray gradient = method.parameters().get(0).getArray().getGradient();
            assertArrayEquals(expectedGradient, gradient.toDoubleArray(), 1e-13);
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
