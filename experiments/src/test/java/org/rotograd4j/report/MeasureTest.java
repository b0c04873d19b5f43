package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasureTest {

    @Test
    void improvementIsPositiveWhenTheModelIsBetterInTheDeclaredDirection() {
        // Eq. 6: Δ = (-1)^l · (M - S) / S · 100, whatever the measure is called.
        assertEquals(10, Measure.higherIsBetter("angle_error").improvement(0.88, 0.8), 1e-9);
        assertEquals(-10, Measure.higherIsBetter("accuracy").improvement(0.72, 0.8), 1e-9);
        assertEquals(20, Measure.lowerIsBetter("within_30").improvement(1.6, 2.0), 1e-9);
        assertEquals(-25, Measure.lowerIsBetter("angle_mean").improvement(25, 20), 1e-9);
        assertTrue(Double.isNaN(Measure.lowerIsBetter("e").improvement(1, 0)), "baseline 0");
        assertTrue(Double.isNaN(Measure.lowerIsBetter("e").improvement(Double.NaN, 1)), "missing value");
        assertThrows(IllegalArgumentException.class, () -> Measure.higherIsBetter(" "));
    }
}
