package org.rotograd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Constants made by {@link Scalars} survive a garbage collection between forward and backward. (The same
 * test with DJL's {@code x.mul(3.0)} returns NaN gradients: the constant's buffer is freed and reused.)
 */
class ScalarsTest {

    @Test
    void gradientsStayRightWhenTheCollectorRunsBeforeBackward() throws InterruptedException {
        for (int trial = 0; trial < 20; trial++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.arange(1, 5).toType(DataType.FLOAT64, false);
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.dividedBy(Scalars.plus(Scalars.times(x, 3.0), 1.0), 2.0).square().sum();
                    System.gc();
                    Thread.sleep(5);
                    overwriteFreedDirectMemory();
                    collector.backward(y);
                    // d/dx ((3x + 1)/2)^2 = 3 (3x + 1) / 2
                    assertArrayEquals(new double[] {6, 10.5, 15, 19.5}, x.getGradient().toDoubleArray(), 1e-12,
                            "trial " + trial);
                }
            }
        }
    }

    @Test
    void scalarsTakeTheDataTypeOfTheirArray() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray f = manager.ones(new Shape(2), DataType.FLOAT32);
            assertArrayEquals(new float[] {0.1f, 0.1f}, Scalars.times(f, 0.1).toFloatArray());
            NDArray d = manager.ones(new Shape(2), DataType.FLOAT64);
            assertArrayEquals(new double[] {0.1, 0.1}, Scalars.times(d, 0.1).toDoubleArray(), 0);
        }
    }

    private static void overwriteFreedDirectMemory() {
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            buffer.putDouble(0, Double.NaN);
            junk.add(buffer);
        }
    }
}
