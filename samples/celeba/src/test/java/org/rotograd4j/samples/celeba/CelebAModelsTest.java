package org.rotograd4j.samples.celeba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.rotation.FeatureAxis;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.samples.celeba.CelebASample.Architecture;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;

class CelebAModelsTest {

    @Test
    void bothModelsHaveTheFortyAttributesInTheOfficialOrder() {
        assertEquals(CelebAFixture.ATTRIBUTES, CelebAConvModelMultiTask.TASKS);
        assertEquals(CelebAFixture.ATTRIBUTES, CelebAResNetModelMultiTask.TASKS);
        assertEquals("5_o_Clock_Shadow", CelebAConvModelMultiTask.TASK_5_O_CLOCK_SHADOW);
    }

    @Test
    void theBackbonesGiveTheirFeatureSizesAndRotateTheirShare() {
        assertShared(Architecture.CONV, 16, 512, 256);
        assertShared(Architecture.CONV, 64, 512, 256);
        assertShared(Architecture.RESNET, 64, 2048, 1536);
        assertShared(Architecture.RESNET, 128, 2048, 1536);
    }

    @Test
    void imageSizesTheModelsCannotTakeAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new CelebAResNetModel(96));
        assertTrue(error.getMessage().contains("multiple of 64"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.CONV.builder(8));
    }

    @Test
    void theResNetModelTrainsAStepWithRotations(@TempDir Path folder) throws IOException {
        CelebA train = CelebA.builder().setDataFolder(CelebAFixture.write(folder)).optImageSize(64).optLimit(2)
                .setSampling(2, true).build();
        MultiTaskModel model = Architecture.RESNET.builder(64)
                .optRotation(32, FeatureAxis.FEATURES, RotationInit.HAAR, 1) // 1536 takes minutes per step on a CPU
                .build();
        try (MultiTaskTraining training = MultiTaskTraining.builder(model).setInputShapes(new Shape(1, 3, 64, 64))
                .optConfig(MultiTaskConfig.builder().optMethod(RotoGrad::new).optConsoleProgress(false).optSeed(1).build()).build()) {
            float[] before = model.backbone().getParameters().get(0).getValue().getArray().toFloatArray();
            EpochSummary epoch = training.fit(train, null).get(0);
            assertEquals(1, training.trainer().steps());
            assertEquals(40, epoch.trainLosses().size());
            epoch.trainLosses().forEach((task, loss) -> assertTrue(Double.isFinite(loss) && loss > 0, task + ": " + loss));
            float[] after = model.backbone().getParameters().get(0).getValue().getArray().toFloatArray();
            assertFalse(java.util.Arrays.equals(before, after), "the stem's weights moved");
        }
    }

    @Test
    void everyMethodStartsFromTheSameWeightsForASeed() {
        List<float[]> vanilla = initialWeights(new Vanilla(), 3);
        List<float[]> rotoGrad = initialWeights(new RotoGrad(), 3);
        assertEquals(vanilla.size(), rotoGrad.size());
        for (int i = 0; i < vanilla.size(); i++) {
            assertArrayEquals(vanilla.get(i), rotoGrad.get(i), "parameter " + i);
        }
        assertFalse(java.util.Arrays.equals(vanilla.get(0), initialWeights(new Vanilla(), 4).get(0)),
                "another seed, other weights");
    }

    /** The backbone's and heads' parameters (not the rotations) after initialization. */
    private static List<float[]> initialWeights(MultiTaskMethod method, int seed) {
        MultiTaskModel.Builder builder = Architecture.CONV.builder(16);
        if (!method.rotates()) {
            builder.clearRotation();
        }
        MultiTaskModel model = builder.build();
        try (MultiTaskTraining training = MultiTaskTraining.builder(model).setInputShapes(new Shape(1, 3, 16, 16))
                .optConfig(MultiTaskConfig.builder().optMethod(() -> method).optSeed(seed).build()).build()) {
            List<float[]> weights = new ArrayList<>();
            for (Pair<String, Parameter> parameter : model.getParameters()) {
                if (!parameter.getKey().contains("rotation")) {
                    weights.add(parameter.getValue().getArray().toFloatArray());
                }
            }
            return weights;
        }
    }

    private static void assertShared(Architecture architecture, int imageSize, long features, int rotated) {
        MultiTaskModel model = architecture.builder(imageSize).build();
        assertEquals(rotated, model.rotations().layout().size(), architecture + " rotation");
        try (NDManager manager = NDManager.newBaseManager()) {
            // Only the backbone: 40 Haar-random rotations of 1536 take a minute to draw.
            Shape input = new Shape(2, 3, imageSize, imageSize);
            model.backbone().initialize(manager, DataType.FLOAT32, input);
            assertEquals(new Shape(2, features), model.backbone().getOutputShapes(new Shape[] {input})[0],
                    architecture + " at " + imageSize);
        }
    }
}
