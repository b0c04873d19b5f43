package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;

class SegNetModelTest {

    @Test
    void unpoolingPutsMaximaBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // A 1x1x3x5 map: 2x2 pooling keeps the top-left 2x4 block; the last row and column are dropped.
            NDArray before = manager.create(new float[] {
                1, 5, 2, 0, 9,
                3, 4, 8, 7, 9,
                9, 9, 9, 9, 9}, new Shape(1, 1, 3, 5));
            NDArray pooled = ai.djl.nn.pooling.Pool.maxPool2d(before, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            assertArrayEquals(new float[] {5, 8}, pooled.toFloatArray());
            NDArray switches = SegNet.switches(before, pooled);
            // The decoder's values go where the encoder's maxima were.
            NDArray up = SegNet.unpool(manager.create(new float[] {-1, 2}, new Shape(1, 1, 1, 2)), switches);
            assertEquals(new Shape(1, 1, 3, 5), up.getShape());
            assertArrayEquals(new float[] {
                0, -1, 0, 0, 0,
                0, 0, 2, 0, 0,
                0, 0, 0, 0, 0}, up.toFloatArray(), 1e-9f);
        }
    }

    @Test
    void segNetKeepsTheInputSizeThroughOddPoolings() {
        SegNetModel model = new SegNetModel(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiTaskModel block = SegNetModelMultiTask.builder(model)
                    .optRotation(2, FeatureAxis.CHANNELS, RotationInit.HAAR, 0).build();
            // 40 -> 20 -> 10 -> 5 -> 2 -> 1 and 56 -> 28 -> 14 -> 7 -> 3 -> 1: odd sizes on the way up.
            Shape input = new Shape(2, 3, 40, 56);
            block.initialize(manager, DataType.FLOAT32, input);
            NDList outputs = block.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, input)), false);
            assertEquals(new Shape(2, NyuV2.CLASSES, 40, 56), outputs.get(0).getShape());
            assertEquals(new Shape(2, 1, 40, 56), outputs.get(1).getShape());
            assertEquals(new Shape(2, 3, 40, 56), outputs.get(2).getShape());
            // x / sqrt(|x|² + ε): unit vectors, shorter only where the head's output is as small as ε (zero where the
            // two-channel feature is all zero after the ReLU); which pixels those are depends on the random weights.
            int unit = 0;
            for (float length : outputs.get(2).square().sum(new int[] {1}).sqrt().toFloatArray()) {
                assertTrue(length < 1 + 1e-4, "length " + length);
                unit += Math.abs(length - 1) < 1e-4 ? 1 : 0;
            }
            assertTrue(unit > 2 * 40 * 56 / 2, unit + " unit normals");
            assertEquals(new Shape(2, 2, 40, 56), model.backbone.getOutputShapes(new Shape[] {input})[0]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SegNet(4).getOutputShapes(new Shape[] {new Shape(1, 3, 16, 64)}));
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
    }

    @Test
    void defaultModelFollowsMtan() {
        SegNet segNet = (SegNet) new SegNetModel().backbone;
        assertEquals(64, segNet.width());
        try (NDManager manager = NDManager.newBaseManager()) {
            segNet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long parameters = 0;
            for (Pair<String, Parameter> parameter : segNet.getParameters()) {
                if (parameter.getValue().requiresGradient()) {
                    parameters += parameter.getValue().getArray().size();
                }
            }
            // The shared encoder-decoder of MTAN's model_segnet_split.py, layer by layer (3x3 convolution with
            // bias, batch-norm scale and shift): 14,723,136 in the encoder and 10,220,160 in the decoder.
            assertEquals(14_723_136 + 10_220_160, parameters);
        }
    }

    @Test
    void theSegmentationLossAveragesOverLabeledPixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 2 classes on a 2x3 map; class 1 favoured (logit 5) at pixel (0, 1) only. Labels: 1 at (0, 1),
            // 1 at (1, 2), -1 (ignored) at (1, 0), 0 elsewhere.
            float[] logits = {0, 0, 0, 0, 0, 0, 0, 5, 0, 9, 0, 0};
            NDArray prediction = manager.create(logits, new Shape(1, 2, 2, 3));
            NDArray labels = manager.create(new long[] {0, 1, 0, -1, 0, 1}, new Shape(1, 2, 3));
            double favoured = Math.log1p(Math.exp(-5)); // -log softmax of the right class at (0, 1)
            double expected = (favoured + 3 * Math.log(2) + Math.log(2)) / 5;
            prediction.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Losses.softmaxCrossEntropy("segmentation").evaluate(new NDList(labels),
                        new NDList(prediction));
                assertEquals(expected, loss.getFloat(), 1e-6);
                collector.backward(loss);
            }
            float[] gradient = prediction.getGradient().toFloatArray();
            assertEquals(0, gradient[3], 1e-9, "the unlabeled pixel has no gradient");
            assertEquals(0, gradient[6 + 3], 1e-9);
            // At (0, 0), label 0, logits (0, 0): d/dx0 = (softmax - 1) / 5 = -0.1.
            assertEquals(-0.1, gradient[0], 1e-6);
            NDArray unlabeled = manager.full(new Shape(1, 2, 3), -1L);
            assertEquals(0, Losses.softmaxCrossEntropy("s").evaluate(new NDList(unlabeled),
                    new NDList(prediction)).getFloat(), 1e-9);
        }
    }

    @Test
    void maskedL1AveragesOverKnownDepth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray prediction = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray depth = manager.create(new float[] {2, 0, 4, 2}, new Shape(1, 1, 2, 2));
            prediction.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = NyuV2Losses.maskedL1("depth").evaluate(new NDList(depth), new NDList(prediction));
                assertEquals(4f / 3, loss.getFloat(), 1e-6);
                collector.backward(loss);
            }
            // d/dp |p - d| / 3 = sign(p - d) / 3 on known pixels, 0 elsewhere.
            assertArrayEquals(new float[] {-1f / 3, 0, -1f / 3, 1f / 3}, prediction.getGradient().toFloatArray(), 1e-6f);
            NDArray unknown = manager.zeros(new Shape(1, 1, 2, 2));
            assertEquals(0, NyuV2Losses.maskedL1("depth").evaluate(new NDList(unknown), new NDList(prediction)).getFloat());
        }
    }

    @Test
    void cosineLossOverKnownNormals() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Pixels: truth (0,0,2) vs prediction (0,0,1): cos 1; truth (1,0,0) vs (0,3,0): cos 0; unknown.
            NDArray truth = manager.create(new float[] {0, 1, 0, 0, 0, 0, 2, 0, 0}, new Shape(1, 3, 1, 3));
            NDArray prediction = manager.create(new float[] {0, 0, 7, 0, 3, 7, 1, 0, 7}, new Shape(1, 3, 1, 3));
            prediction.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = NyuV2Losses.cosine("normals").evaluate(new NDList(truth), new NDList(prediction));
                assertEquals(1 - (1 + 0) / 2f, loss.getFloat(), 1e-6);
                collector.backward(loss);
            }
            float[] gradient = prediction.getGradient().toFloatArray();
            assertEquals(0, gradient[2], 1e-6, "unknown pixel has no gradient");
            // At pixel 1, cos = x / |p| with p = (0,3,0): d(-cos/2)/dx = -1/(2·3).
            assertEquals(-1f / 6, gradient[1], 1e-6);
            assertTrue(gradient.length == 9);
        }
    }

    @Test
    void methodsStartFromIdenticalWeights() {
        List<float[]> first = backboneWeights(new Vanilla());
        List<float[]> second = backboneWeights(new RotoGrad());
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "parameter " + i);
        }
    }

    private static List<float[]> backboneWeights(org.rotograd4j.method.MultiTaskMethod method) {
        MultiTaskModel.Builder builder = SegNetModelMultiTask.builder(new SegNetModel(2));
        if (method.rotates()) {
            builder.optRotation(2, FeatureAxis.CHANNELS, RotationInit.HAAR, 1);
        } else {
            builder.clearRotation();
        }
        try (SegNetModelTraining trainer = SegNetModelTraining.builder(builder.build())
                .setInputShapes(new Shape(1, 3, 32, 32)).optConfig(MultiTaskConfig.builder().optMethod(() -> method).optSeed(7).optConsoleProgress(false).build()).build()) {
            return trainer.training().model().getParameters().stream()
                    .filter(p -> !p.getKey().contains("rotation"))
                    .map(p -> p.getValue().getArray().toFloatArray()).toList();
        }
    }
}
