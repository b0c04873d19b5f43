package org.rotograd4j.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.rotograd4j.EngineLock;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;

/** Block-diagonal rotations: q independent blocks per task, in either parametrization. */
class BlockRotationsTest {

    private static final int M = 8;
    private static final int BLOCKS = 4;
    private static final int BATCH = 16;

    @ParameterizedTest
    @EnumSource(RotationParametrization.class)
    void blockRotationsTrainStayOrthogonalAndBlockDiagonal(RotationParametrization parametrization) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            MultiTaskModel.Builder builder = MultiTaskModel.builder()
                    .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(M + 2).build())
                            .add(Activation.tanhBlock()))
                    .optRotation(M, RotationInit.HAAR, 9)
                    .optRotationBlocks(BLOCKS)
                    .optRotationParametrization(parametrization);
            List<NDList> labels = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                builder.addTask(Task.of("t" + k, Linear.builder().setUnits(1).build(), Losses.meanSquaredError("t" + k)));
                labels.add(new NDList(manager.randomNormal(new Shape(BATCH, 1))));
            }
            MultiTaskModel model = builder.build();
            model.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 5));
            assertEquals(new Shape(3 * BLOCKS, M / BLOCKS, M / BLOCKS), model.rotations().generator().getArray().getShape());
            BatchTrainer trainer = new BatchTrainer(model, MultiTaskConfig.builder().optMethod(RotoGrad::new)
                    .optNetworkLearningRate(1e-2).optRotationLearningRate(1e-2).build());
            NDList inputs = new NDList(manager.randomNormal(new Shape(BATCH, 5)));
            double first = trainer.step(inputs, labels).totalLoss();
            double last = first;
            for (int i = 0; i < 60; i++) {
                last = trainer.step(inputs, labels).totalLoss();
            }
            assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);

            NDArray r = model.rotations().matrices();
            assertEquals(new Shape(3, M, M), r.getShape());
            NDArray identity = manager.eye(M);
            assertTrue(r.transpose(0, 2, 1).matMul(r).sub(identity).abs().max().getFloat() <= 1e-5);
            float[] values = r.toFloatArray();
            int size = M / BLOCKS;
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < M; i++) {
                    for (int j = 0; j < M; j++) {
                        if (i / size != j / size) {
                            assertEquals(0f, values[(k * M + i) * M + j], "task " + k + " entry " + i + "," + j);
                        }
                    }
                }
            }
            // The maps apply exactly the matrices.
            NDArray rows = manager.randomNormal(new Shape(5, M));
            RotationMaps maps = EngineLock.call(() -> model.rotations().maps().detached());
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(rows.matMul(r.get(k).transpose()).toFloatArray(), maps.apply(rows, k).toFloatArray(),
                        1e-5f);
                assertArrayEquals(rows.matMul(r.get(k)).toFloatArray(), maps.applyTransposed(rows, k).toFloatArray(),
                        1e-5f);
            }
        }
    }

    @Test
    void blocksMustDivideTheRotationSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskRotations.builder().setNumTasks(2).setSize(10).optBlocks(4).build());
        assertTrue(e.getMessage().contains("not a multiple"), e.getMessage());
    }
}
