package org.rotograd4j.samples.illustrative;

import java.util.List;
import java.util.Map;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.report.Statistics;
import org.rotograd4j.samples.illustrative.IllustrativeExample.Run;

/**
 * Whether a run of the illustrative example ends at each task's global optimum, and how often a set of runs
 * does.
 *
 * <p>Task k <em>reaches</em> its global optimum when its final point {@code r_k = R_k z}, after the last step,
 * lies within {@value #RADIUS} (Euclidean) of the task's global minimizer {@code o_k}. The radius separates the
 * outcomes on both landscapes: the non-convex function's nearest local optima lie about 2.3 from the global one
 * in a coordinate (its ripples' first barrier is about 1.7 away), and a compromise between the two optima, such
 * as Vanilla's point near the origin, is about 2.1 from each. It is wider than convergence needs because the
 * convex bowl's flat valley is slow: after 800 steps a task can still be creeping along it, 0.9 from its
 * minimizer, with a loss less than 0.2 above the minimum.
 */
public final class OptimumReach {

    /** The largest distance from a task's global minimizer at which its final point counts as having reached it. */
    public static final double RADIUS = 1.0;

    /** The columns of {@link #rates}. */
    public static final List<String> RATE_COLUMNS = List.of("starts", "task1 reached", "task2 reached",
            "both reached", "task1 median distance", "task2 median distance");

    private OptimumReach() {}

    /**
     * Returns how far a task's final point ended from its global minimizer.
     *
     * @param run the run
     * @param task the task's index, 0 or 1
     * @return the Euclidean distance between the task's last rotated feature and its optimum
     * @throws IllegalArgumentException if the task is not one of the example's
     */
    public static double finalDistance(Run run, int task) {
        if (task < 0 || task >= IllustrativeExample.OPTIMA.length) {
            throw new IllegalArgumentException("task " + task + " is not one of the example's "
                    + IllustrativeExample.OPTIMA.length + " tasks");
        }
        double[][] points = run.r()[task];
        double[] last = points[points.length - 1];
        double[] optimum = IllustrativeExample.OPTIMA[task];
        return Math.hypot(last[0] - optimum[0], last[1] - optimum[1]);
    }

    /**
     * Returns whether a task reached its global optimum.
     *
     * @param run the run
     * @param task the task's index, 0 or 1
     * @return whether its final point lies within {@value #RADIUS} of its global minimizer
     */
    public static boolean reached(Run run, int task) {
        return finalDistance(run, task) <= RADIUS;
    }

    /**
     * Returns whether both tasks reached their global optima.
     *
     * @param run the run
     * @return whether {@link #reached} holds for every task
     */
    public static boolean reachedBoth(Run run) {
        for (int task = 0; task < IllustrativeExample.OPTIMA.length; task++) {
            if (!reached(run, task)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns, per group of runs (one landscape and method over many starts), the share of runs in which each
     * task, and both, reached their global optima, and each task's median final distance.
     *
     * @param title the table's title
     * @param runsByGroup the runs by group name, in display order
     * @return a table with a row per group and the columns {@link #RATE_COLUMNS}; shares from 0 to 1
     * @throws IllegalArgumentException if a group has no runs
     */
    public static ResultsTable rates(String title, Map<String, List<Run>> runsByGroup) {
        ResultsTable table = new ResultsTable(title, RATE_COLUMNS);
        runsByGroup.forEach((group, runs) -> {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("group '" + group + "' has no runs");
            }
            double[] distance1 = runs.stream().mapToDouble(run -> finalDistance(run, 0)).toArray();
            double[] distance2 = runs.stream().mapToDouble(run -> finalDistance(run, 1)).toArray();
            table.addRow(group, Map.of(
                    "starts", (double) runs.size(),
                    "task1 reached", share(runs.stream().filter(run -> reached(run, 0)).count(), runs),
                    "task2 reached", share(runs.stream().filter(run -> reached(run, 1)).count(), runs),
                    "both reached", share(runs.stream().filter(OptimumReach::reachedBoth).count(), runs),
                    "task1 median distance", Statistics.median(distance1),
                    "task2 median distance", Statistics.median(distance2)));
        });
        return table;
    }

    private static double share(long count, List<Run> runs) {
        return (double) count / runs.size();
    }
}
