package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianQuantilesAndSpreadsOfSmallSamples() {
        double[] even = {4, 1, 3, 2};
        assertEquals(2.5, Statistics.median(even));
        assertEquals(7, Statistics.median(new double[] {9, 7, 1}));
        assertEquals(2.5, Statistics.mean(even));
        assertEquals(1, Statistics.min(even));
        assertEquals(4, Statistics.max(even));
        // Quartiles at positions 0.75 and 2.25 of 1, 2, 3, 4: 1.75 and 3.25.
        assertEquals(1.75, Statistics.quantile(even, 0.25), 1e-12);
        assertEquals(1.5, Statistics.interquartileRange(even), 1e-12);
        assertEquals(Math.sqrt(1.25), Statistics.populationStd(even), 1e-12, "Table 4's: divided by n");
        assertEquals(Math.sqrt(5 / 3.0), Statistics.sampleStd(even), 1e-12, "over seeds: divided by n - 1");
        assertEquals(0, Statistics.sampleStd(new double[] {3}));
        assertThrows(IllegalArgumentException.class, () -> Statistics.quantile(even, 1.5));
    }

    @Test
    void nonFiniteValuesAreLeftOut() {
        double[] values = {Double.NaN, 2, Double.POSITIVE_INFINITY, 4};
        assertEquals(3, Statistics.median(values));
        assertEquals(3, Statistics.mean(values));
        assertEquals(Math.sqrt(2), Statistics.sampleStd(values), 1e-12);
        double[] none = {Double.NaN};
        assertTrue(Double.isNaN(Statistics.median(none)) && Double.isNaN(Statistics.mean(none))
                && Double.isNaN(Statistics.max(none)) && Double.isNaN(Statistics.sampleStd(none))
                && Double.isNaN(Statistics.populationStd(none)));
    }
}
