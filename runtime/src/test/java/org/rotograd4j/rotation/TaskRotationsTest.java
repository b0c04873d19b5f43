package org.rotograd4j.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRotationsTest {

    private static TaskRotations rotations(NDManager manager, int tasks, int m, RotationInit init, DataType type) {
        TaskRotations block = TaskRotations.builder().setNumTasks(tasks).setSize(m).optInit(init).optSeed(7).build();
        block.initialize(manager, type, new Shape(2, m));
        return block;
    }

    private static double maxOrthogonalityError(NDArray r) {
        int m = (int) r.getShape().get(1);
        NDArray eye = r.getManager().eye(m).toType(r.getDataType(), false);
        return r.transpose(0, 2, 1).matMul(r).sub(eye).abs().max().toType(DataType.FLOAT64, false).getDouble();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 64, 256, 1024})
    void rotationsStayOrthogonalInFloat32(int m) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskRotations block = rotations(manager, 2, m, RotationInit.HAAR, DataType.FLOAT32);
            // A generator far from zero, so that the exponential needs several squarings.
            NDArray a = manager.randomNormal(0, 0.3f, new Shape(2, m, m), DataType.FLOAT32);
            block.generator().getArray().set(a.toFloatArray());
            NDArray r = block.matrices();
            double error = maxOrthogonalityError(r);
            System.out.printf("orthogonality m=%d float32: max |RᵀR − I| = %.3e%n", m, error);
            assertTrue(error <= 1e-5, "max |RᵀR − I| = " + error + " for m = " + m);
            double det = CommonOps_DDRM.det(
                    new DMatrixRMaj(m, m, true, r.get(0).toType(DataType.FLOAT64, false).toDoubleArray()));
            assertEquals(1, det, 1e-3, "a rotation has determinant +1");
        }
    }

    @Test
    void exponentialOfATwoByTwoGeneratorIsThePlaneRotation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskRotations block = rotations(manager, 1, 2, RotationInit.IDENTITY, DataType.FLOAT64);
            double angle = 2.5; // large enough to need squarings
            block.generator().getArray().set(new double[] {0, 0, angle, 0});
            double[] r = block.matrices().toDoubleArray();
            // S = [[0, -a], [a, 0]] and exp(S) = [[cos a, -sin a], [sin a, cos a]].
            assertArrayEquals(new double[] {Math.cos(angle), -Math.sin(angle), Math.sin(angle), Math.cos(angle)}, r, 1e-13);
        }
    }

    @Test
    void identityInitStartsAtTheIdentityAndHaarDependsOnTheSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray identity = rotations(manager, 3, 5, RotationInit.IDENTITY, DataType.FLOAT64).matrices();
            assertArrayEquals(manager.eye(5).toType(DataType.FLOAT64, false).expandDims(0).repeat(0, 3).toDoubleArray(),
                    identity.toDoubleArray(), 0);
            NDArray haar = rotations(manager, 3, 5, RotationInit.HAAR, DataType.FLOAT64).matrices();
            assertTrue(maxOrthogonalityError(haar) < 1e-12);
            assertArrayEquals(haar.toDoubleArray(), rotations(manager, 3, 5, RotationInit.HAAR, DataType.FLOAT64)
                    .matrices().toDoubleArray(), 0, "same seed, same rotations");
            assertNotEquals(haar.get(0).getDouble(0, 0), haar.get(1).getDouble(0, 0), "tasks get different rotations");
        }
    }

    @Test
    void onlyTheStrictlyLowerTriangleOfTheGeneratorLearns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskRotations block = rotations(manager, 2, 4, RotationInit.HAAR, DataType.FLOAT64);
            NDArray target = manager.randomNormal(new Shape(2, 4, 4)).toType(DataType.FLOAT64, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(block.matrices().mul(target).sum());
            }
            double[] grad = block.generator().getArray().getGradient().toDoubleArray();
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        double g = grad[k * 16 + i * 4 + j];
                        if (i > j) {
                            assertNotEquals(0, g, "lower entry " + i + "," + j);
                        } else {
                            assertEquals(0, g, 0.0, "entry " + i + "," + j + " is not a parameter of the rotation");
                        }
                    }
                }
            }
        }
    }

    @Test
    void forwardRotatesTheChannelsOfAConvMapAtEveryPixel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int channels = 5;
            int m = 3;
            TaskRotations block = TaskRotations.builder().setNumTasks(2).setSize(m).optAxis(FeatureAxis.CHANNELS)
                    .optSeed(3).build();
            block.initialize(manager, DataType.FLOAT64, new Shape(2, channels, 4, 3));
            SplittableRandom random = new SplittableRandom(1);
            double[] z = random.doubles(2 * channels * 4 * 3).toArray();
            NDArray feature = manager.create(z, new Shape(2, channels, 4, 3));
            NDList rotated = block.forward(new ParameterStore(manager, false), new NDList(feature), false);
            double[] r = block.matrices().get(1).toDoubleArray();
            double[] out = rotated.get(1).toDoubleArray();
            for (int b = 0; b < 2; b++) {
                for (int pixel = 0; pixel < 12; pixel++) {
                    for (int c = 0; c < channels; c++) {
                        double expected = z[(b * channels + c) * 12 + pixel];
                        if (c < m) {
                            expected = 0;
                            for (int j = 0; j < m; j++) {
                                expected += r[c * m + j] * z[(b * channels + j) * 12 + pixel];
                            }
                        }
                        assertEquals(expected, out[(b * channels + c) * 12 + pixel], 1e-12);
                    }
                }
            }
            NDArray back = block.layout().rotateBack(rotated.get(1), block.maps(), 1);
            assertArrayEquals(z, back.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void aRotationLargerThanTheFeatureIsAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskRotations block = TaskRotations.builder().setNumTasks(2).setSize(8).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> block.initialize(manager, DataType.FLOAT32, new Shape(4, 6)));
            assertTrue(e.getMessage().contains("rotation size 8 is larger than the shared feature's dimension 6"),
                    e.getMessage());
        }
    }

    @Test
    void theRotatedAxisMustMatchTheFeaturesRank() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskRotations vector = TaskRotations.builder().setNumTasks(2).setSize(2).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> vector.initialize(manager, DataType.FLOAT32, new Shape(4, 3, 5, 5)));
            assertTrue(e.getMessage().contains("rotating FEATURES needs a vector feature [B, d]"), e.getMessage());
            TaskRotations channels = TaskRotations.builder().setNumTasks(2).setSize(2).optAxis(FeatureAxis.CHANNELS).build();
            e = assertThrows(IllegalArgumentException.class, () -> channels.initialize(manager, DataType.FLOAT32, new Shape(4, 3)));
            assertTrue(e.getMessage().contains("rotating CHANNELS needs a shaped feature"), e.getMessage());
        }
    }
}
