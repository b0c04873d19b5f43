package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.train.MultiTaskConfig;

class HouseModelTest {

    @Test
    void theGeneratedTrainingTrainsPredictsAndResumes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                HouseModelTraining trainer = HouseModelTraining.builder(new HouseModel())
                        .setInputShapes(new Shape(1, 4))
                        .optConfig(MultiTaskConfig.builder()
                                .optEpochs(20)
                                .optBatchSize(16)
                                .optNetworkLearningRate(0.02)
                                .optSeed(1)
                                .optConsoleProgress(false)
                                .build())
                        .build()) {
            manager.getEngine().setRandomSeed(2);
            NDArray x = manager.randomNormal(new Shape(128, 4));
            NDArray price = x.get(":, 0:1").mul(3).add(x.get(":, 1:2"));
            NDArray garden = x.get(":, 2:3").gt(0).toType(DataType.FLOAT32, false);
            ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(price, garden)
                    .setSampling(16, false).build();
            List<EpochSummary> epochs = trainer.fit(data, data);
            double first = epochs.get(0).trainLosses().get(HouseModelMultiTask.PRICE);
            double last = epochs.get(epochs.size() - 1).trainLosses().get(HouseModelMultiTask.PRICE);
            assertTrue(last < first / 3, "price loss " + first + " -> " + last);
            Map<String, Double> scores = trainer.evaluate(data);
            assertTrue(scores.get("garden_f1") > 0.7, scores.toString());

            HouseModelMultiTask.Outputs outputs = trainer.predict(new NDList(x));
            assertEquals(new Shape(128, 1), outputs.price().getShape());

            Path checkpoint = Files.createTempDirectory("consumer").resolve("house.safetensors");
            trainer.save(checkpoint);
            trainer.load(checkpoint);
        }
    }

    @Test
    void onlyWhatTheApplicationAskedForIsOnItsClasspath() {
        ClassLoader loader = HouseModelTest.class.getClassLoader();
        assertNull(loader.getResource("org/rotograd4j/report/ChartStyle.class"), "chart code reached the classpath");
        assertNull(loader.getResource("org/rotograd4j/compare/MethodComparison.class"), "the experiment harness too");
        assertNull(loader.getResource("org/rotograd4j/processor/RotoGradProcessor.class"), "the processor too");
        assertNull(loader.getResource("com/palantir/javapoet/JavaFile.class"), "JavaPoet too");
    }
}
