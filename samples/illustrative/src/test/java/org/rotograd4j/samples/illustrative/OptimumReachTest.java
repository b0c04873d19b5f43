package org.rotograd4j.samples.illustrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.samples.illustrative.IllustrativeExample.Run;

/** Checks the definition of reaching an optimum and the shares on constructed trajectories. */
class OptimumReachTest {

    private static final double[] OPTIMUM1 = IllustrativeExample.OPTIMA[0];
    private static final double[] OPTIMUM2 = IllustrativeExample.OPTIMA[1];

    /** A run whose tasks pass through the origin and end at the given points. */
    private static Run endingAt(double[] last1, double[] last2) {
        double[][] z = {{0, 0}, {0, 0}};
        double[][][] r = {{{0, 0}, last1}, {{0, 0}, last2}};
        return new Run("constructed", z, r, new double[] {Double.NaN, Double.NaN});
    }

    private static double[] offset(double[] optimum, double dx, double dy) {
        return new double[] {optimum[0] + dx, optimum[1] + dy};
    }

    @Test
    void theFinalPointCountsNotTheWayThere() {
        double[][][] r = {{OPTIMUM1.clone(), {0, 0}}, {OPTIMUM2.clone(), OPTIMUM2.clone()}};
        Run leftTheOptimum = new Run("constructed", new double[][] {{0, 0}, {0, 0}}, r, new double[2]);
        assertFalse(OptimumReach.reached(leftTheOptimum, 0), "task 1 passed its optimum but ended at the origin");
        assertTrue(OptimumReach.reached(leftTheOptimum, 1));
        assertEquals(Math.hypot(1.5, 1.5), OptimumReach.finalDistance(leftTheOptimum, 0), 1e-12);
    }

    @Test
    void aTaskReachesItsOptimumWithinTheRadiusAndNotBeyond() {
        Run inside = endingAt(offset(OPTIMUM1, 0.6, 0.8 - 1e-6), offset(OPTIMUM2, -0.99, 0));
        Run outside = endingAt(offset(OPTIMUM1, 0.6, 0.8 + 1e-6), offset(OPTIMUM2, 0, 0));
        assertEquals(1.0, OptimumReach.RADIUS);
        assertTrue(OptimumReach.reachedBoth(inside), "distances " + OptimumReach.finalDistance(inside, 0) + ", "
                + OptimumReach.finalDistance(inside, 1));
        assertFalse(OptimumReach.reached(outside, 0), "distance " + OptimumReach.finalDistance(outside, 0));
        assertTrue(OptimumReach.reached(outside, 1));
        assertFalse(OptimumReach.reachedBoth(outside));
    }

    @Test
    void theOtherTasksOptimumDoesNotCount() {
        Run swapped = endingAt(OPTIMUM2.clone(), OPTIMUM1.clone());
        assertFalse(OptimumReach.reached(swapped, 0));
        assertFalse(OptimumReach.reached(swapped, 1));
    }

    @Test
    void ratesCountEachTaskAndBothAndTakeTheMedianDistance() {
        Run both = endingAt(OPTIMUM1.clone(), OPTIMUM2.clone());
        Run firstOnly = endingAt(offset(OPTIMUM1, 0.1, 0), offset(OPTIMUM2, 3, 4));
        Run neither = endingAt(offset(OPTIMUM1, 0, 2), offset(OPTIMUM2, 0, 1.5));
        Run secondOnly = endingAt(offset(OPTIMUM1, 6, 8), offset(OPTIMUM2, 0, 0.2));
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        groups.put("a", List.of(both, firstOnly, neither, secondOnly));
        groups.put("b", List.of(neither));
        ResultsTable table = OptimumReach.rates("t", groups);
        assertEquals(List.of("a", "b"), table.rowNames());
        assertEquals(4, table.get("a", "starts"));
        assertEquals(0.5, table.get("a", "task1 reached"), 1e-12);
        assertEquals(0.5, table.get("a", "task2 reached"), 1e-12);
        assertEquals(0.25, table.get("a", "both reached"), 1e-12);
        assertEquals((0.1 + 2) / 2, table.get("a", "task1 median distance"), 1e-12);
        assertEquals((0.2 + 1.5) / 2, table.get("a", "task2 median distance"), 1e-12);
        assertEquals(0, table.get("b", "both reached"));
        assertEquals(2, table.get("b", "task1 median distance"), 1e-12);
    }

    @Test
    void anEmptyGroupOrAnUnknownTaskIsRefusedByName() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> OptimumReach.rates("t", Map.of("CONVEX/Vanilla", List.of())));
        assertTrue(empty.getMessage().contains("'CONVEX/Vanilla'"), empty.getMessage());
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
                () -> OptimumReach.finalDistance(endingAt(OPTIMUM1, OPTIMUM2), 2));
        assertTrue(task.getMessage().contains("task 2"), task.getMessage());
    }
}
