package org.rotograd4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The optimizers against torch.optim's update rules, written out in plain Java doubles. */
class OptimizerTest {

    private static final double[] START = {0.5, -1.25, 2.0};
    private static final double[][] GRADIENTS = {{0.1, -0.3, 0.7}, {-0.2, 0.05, 0.4}, {0.3, 0.3, -0.9}};

    private static double[] run(ai.djl.training.optimizer.Optimizer optimizer) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START.clone());
            for (double[] g : GRADIENTS) {
                optimizer.update("w", weight, manager.create(g));
            }
            return weight.toDoubleArray();
        }
    }

    @Test
    void sgdWithMomentumAndWeightDecayFollowsTorch() {
        double lr = 0.1;
        double momentum = 0.9;
        double decay = 0.01;
        double[] w = START.clone();
        double[] buffer = null;
        for (double[] grad : GRADIENTS) {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                g[i] = grad[i] + decay * w[i];
            }
            if (buffer == null) {
                buffer = g.clone();
            } else {
                for (int i = 0; i < 3; i++) {
                    buffer[i] = momentum * buffer[i] + g[i];
                }
            }
            for (int i = 0; i < 3; i++) {
                w[i] -= lr * buffer[i];
            }
        }
        Sgd sgd = Sgd.builder().setLearningRate(lr).optMomentum(momentum).optWeightDecay(decay).build();
        assertArrayEquals(w, run(sgd), 1e-15);
    }

    @Test
    void adamFollowsTorchWithPerParameterBiasCorrection() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] w = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= GRADIENTS.length; t++) {
            double[] g = GRADIENTS[t - 1];
            for (int i = 0; i < 3; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                w[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denominator;
            }
        }
        Adam adam = Adam.builder().setLearningRate(lr).build();
        assertArrayEquals(w, run(adam), 1e-15);
        assertEquals(3, adam.updates("w"));
    }

    @Test
    void schedulesDecayAsDocumented() {
        assertEquals(0.1 * Math.pow(0.5, 2), LearningRateSchedule.stepDecay(0.1, 0.5, 10).rate(25), 1e-18);
        assertEquals(0.2 / Math.pow(1 + 0.1 * 40, 0.5), LearningRateSchedule.inverseDecay(0.2, 0.1, 0.5).rate(40), 1e-18);
        LearningRateSchedule network = LearningRateSchedule.inverseDecay(0.1, 0.01, 0.5);
        LearningRateSchedule rotations = LearningRateSchedule.twoTimescale(0.01, 0.01, 0.5);
        double early = rotations.rate(10) / network.rate(10);
        double late = rotations.rate(100_000) / network.rate(100_000);
        assertEquals(0.1, rotations.rate(0) / network.rate(0), 1e-15);
        org.junit.jupiter.api.Assertions.assertTrue(late < early / 10, "rotation rate decays faster: " + early + " -> " + late);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1));
        assertThrows(IllegalStateException.class, () -> Adam.builder().build());
    }
}
