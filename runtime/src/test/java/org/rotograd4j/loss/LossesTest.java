package org.rotograd4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The losses against their formulas written out in plain Java. */
class LossesTest {

    private static double evaluate(ai.djl.training.loss.Loss loss, NDArray label, NDArray prediction) {
        return loss.evaluate(new NDList(label), new NDList(prediction)).getFloat();
    }

    @Test
    void regressionLosses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray prediction = manager.create(new float[] {1, 2, 4}, new Shape(3, 1));
            NDArray label = manager.create(new float[] {0, 2, 1});
            assertEquals((1 + 0 + 9) / 3.0, evaluate(Losses.meanSquaredError("mse"), label, prediction), 1e-6);
            assertEquals((1 + 0 + 3) / 3.0, evaluate(Losses.meanAbsoluteError("mae"), label, prediction), 1e-6);
        }
    }

    @Test
    void binaryCrossEntropyOfLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] x = {2, -1, 0.5f};
            float[] y = {1, 0, 0};
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                double p = 1 / (1 + Math.exp(-x[i]));
                expected -= (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p)) / 3;
            }
            assertEquals(expected, evaluate(Losses.sigmoidBinaryCrossEntropy("bce"), manager.create(y),
                    manager.create(x)), 1e-6);
        }
    }

    @Test
    void softmaxCrossEntropyKeepsPixelsInPlaceOnNonSquareMaps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One image, 2 classes, 1x3 pixels: logits[c][w] and one label per pixel.
            float[][] logits = {{2, 0, 1}, {0, 3, -1}};
            long[] labels = {0, 1, 1};
            NDArray prediction = manager.create(new float[] {2, 0, 1, 0, 3, -1}, new Shape(1, 2, 1, 3));
            NDArray label = manager.create(labels, new Shape(1, 1, 3));
            double expected = 0;
            for (int w = 0; w < 3; w++) {
                double logSum = Math.log(Math.exp(logits[0][w]) + Math.exp(logits[1][w]));
                expected -= (logits[(int) labels[w]][w] - logSum) / 3;
            }
            assertEquals(expected, evaluate(Losses.softmaxCrossEntropy("ce"), label, prediction), 1e-6);
        }
    }

    @Test
    void softmaxCrossEntropyIgnoresUnlabeledPixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Two pixels of one image, three classes; the second pixel is unlabeled (-1).
            float[][] logits = {{1, 0}, {2, 5}, {0, 1}}; // [class][pixel]
            NDArray prediction = manager.create(new float[] {1, 0, 2, 5, 0, 1}, new Shape(1, 3, 2));
            NDArray label = manager.create(new long[] {1, -1}, new Shape(1, 2));
            double logSum = Math.log(Math.exp(logits[0][0]) + Math.exp(logits[1][0]) + Math.exp(logits[2][0]));
            double expected = -(logits[1][0] - logSum);
            assertEquals(expected, evaluate(Losses.softmaxCrossEntropy("ce"), label, prediction), 1e-6);
            // Vector logits [B, C] with labels [B].
            NDArray flat = manager.create(new float[] {0, 3, 1, 1}, new Shape(2, 2));
            NDArray classes = manager.create(new long[] {1, 0});
            double first = -(3 - Math.log(1 + Math.exp(3)));
            double second = -(1 - Math.log(2 * Math.exp(1)));
            assertEquals((first + second) / 2, evaluate(Losses.softmaxCrossEntropy("ce"), classes, flat), 1e-6);
        }
    }
}
