package org.rotograd4j.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rotograd4j.fit.EpochSummary;

/** Draws per-task training curves of one or more runs: one panel per task and validation measure. */
public final class TrainingCurves {

    private TrainingCurves() {}

    /**
     * Writes the curves: for each task a panel of its training loss per run, and for each validation
     * measure ({@code <task>_<metric>}) a panel of it per run.
     *
     * @param title the figure's title
     * @param runs the epochs of each run, by run name
     * @param png the file to write
     * @throws IOException if the file cannot be written
     */
    public static void write(String title, Map<String, List<EpochSummary>> runs, Path png) throws IOException {
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> measures = new LinkedHashSet<>();
        runs.values().forEach(epochs -> epochs.forEach(e -> {
            tasks.addAll(e.trainLosses().keySet());
            measures.addAll(e.validation().keySet());
        }));
        List<LineChart.Panel> panels = new ArrayList<>();
        for (String task : tasks) {
            panels.add(panel(task + ": train loss", "loss", runs, e -> e.trainLosses().getOrDefault(task, Double.NaN)));
        }
        for (String measure : measures) {
            panels.add(panel("validation " + measure, measure.substring(measure.lastIndexOf('_') + 1), runs,
                    e -> e.validation().getOrDefault(measure, Double.NaN)));
        }
        LineChart.write(title, panels, Math.min(4, Math.max(1, panels.size())), png);
    }

    private static LineChart.Panel panel(String title, String yLabel, Map<String, List<EpochSummary>> runs,
            java.util.function.ToDoubleFunction<EpochSummary> value) {
        List<LineChart.Series> series = new ArrayList<>();
        runs.forEach((run, epochs) -> {
            double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
            double[] y = epochs.stream().mapToDouble(value).toArray();
            series.add(new LineChart.Series(run, x, y));
        });
        return new LineChart.Panel(title, "epoch", yLabel, series, yLabel.equals("loss"));
    }
}
