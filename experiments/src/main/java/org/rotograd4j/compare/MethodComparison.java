package org.rotograd4j.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.report.DeltaChart;
import org.rotograd4j.report.Figure;
import org.rotograd4j.report.HtmlReport;
import org.rotograd4j.report.Measure;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.report.Statistics;
import org.rotograd4j.report.TrainingCurves;

/**
 * Trains the same model with several methods and seeds, from identical initial weights per seed (the
 * runner seeds the initialization), and reports what the paper reports: every run's task measures and
 * relative improvements {@code Δ_k} (Eq. 6, signed by each {@link Measure}'s declared direction) over
 * single-task baselines, the median ± std over seeds of {@code avg_k Δ_k}, {@code med_k Δ_k} and {@code
 * max_k Δ_k} per method, and the time of a training step, an epoch and the whole run ({@link RunTiming}); as
 * console tables, CSV/JSON, PNG curves, a bar chart of the median Δ_k like the paper's Figure 4, and one HTML
 * report with all of them.
 */
public final class MethodComparison {

    /** Trains one model and measures it; samples implement it with their generated training. */
    @FunctionalInterface
    public interface Runner {
        /**
         * Trains a model on some tasks with a method and seed, and evaluates it.
         *
         * @param method the method
         * @param seed the seed of the initial weights
         * @param tasks the tasks to train (all of them, or one for a single-task baseline)
         * @return the run's test measures and cost
         * @throws IOException if data cannot be read
         */
        Run train(MultiTaskMethod method, int seed, List<String> tasks) throws IOException;
    }

    /** The start of the name of a seed's row of single-task baselines in the runs table. */
    public static final String SINGLE_TASK_RUN = "single-task";

    /**
     * One trained model.
     *
     * @param measures its test measures by name (for example {@code left_accuracy})
     * @param epochs its per-epoch history, for the curves and the {@link RunTiming}
     */
    public record Run(Map<String, Double> measures, List<EpochSummary> epochs) {}

    /**
     * What the comparison measured.
     *
     * @param runs one row per run (single-task baselines, then method × seed, named {@code <method id> seed
     *     <seed>}, such as {@code cagrad:0.4 seed 1})
     * @param summary one row per method, named by its id: median and std over seeds of avg/med/max Δ_k, and the
     *     median over seeds of the time per step, per epoch and in hours
     * @param deltas the median and std over seeds of each task's Δ_k, by method id then task
     * @param curves every run's epochs, by run name
     */
    public record Result(ResultsTable runs, ResultsTable summary, Map<String, Map<String, double[]>> deltas,
            Map<String, List<EpochSummary>> curves) {

        /**
         * Writes {@code <name>-runs.csv/.json}, {@code <name>-summary.csv/.json}, {@code <name>-curves.png}
         * (when runs have epochs), {@code <name>-deltas.png} (when there are methods) and {@code
         * <name>-report.html}, one self-contained page with the tables and both charts.
         *
         * @param folder the output folder; created when missing
         * @param name the files' common prefix, such as the sample's name
         * @return the HTML report's path
         * @throws IOException if a file cannot be written
         */
        public Path write(Path folder, String name) throws IOException {
            ResultFiles.writeCsv(runs, folder.resolve(name + "-runs.csv"));
            ResultFiles.writeJson(runs, folder.resolve(name + "-runs.json"));
            ResultFiles.writeCsv(summary, folder.resolve(name + "-summary.csv"));
            ResultFiles.writeJson(summary, folder.resolve(name + "-summary.json"));
            HtmlReport report = new HtmlReport(name + ": method comparison").addTable(summary).addTable(runs);
            if (curves.values().stream().anyMatch(epochs -> !epochs.isEmpty())) {
                String title = name + ": training curves";
                Figure figure = TrainingCurves.of(title, curves);
                figure.write(folder.resolve(name + "-curves.png"));
                report.addFigure(title, figure);
            }
            if (!deltas.isEmpty()) {
                String title = name + ": Δ_k (%) over single-task models, median ± std over seeds";
                Figure figure = DeltaChart.of(title, deltas);
                figure.write(folder.resolve(name + "-deltas.png"));
                report.addFigure(title, figure);
            }
            Path html = folder.resolve(name + "-report.html");
            report.write(html);
            return html;
        }
    }

    private final Map<String, List<Measure>> measures;
    private final List<String> methods;
    private final List<Integer> seeds;
    private final Map<String, Double> givenBaselines;
    private final boolean measureBaselines;
    private final Runner runner;

    private MethodComparison(Builder builder, List<String> methodIds) {
        this.measures = new LinkedHashMap<>(builder.measures);
        this.methods = methodIds;
        this.seeds = List.copyOf(builder.seeds);
        this.givenBaselines = builder.givenBaselines;
        this.measureBaselines = builder.measureBaselines;
        this.runner = builder.runner;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder: Vanilla and RotoGrad, seed 1, measured single-task baselines
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks method specifications as a comparison's {@link Builder#build()} does, for programs that want to
     * refuse a bad {@code --methods} before they load any data.
     *
     * @param specs method specifications, such as {@code cagrad:0.4}
     * @return the methods' ids, in the same order
     * @throws IllegalArgumentException naming the specification at fault: one that {@link Methods#parse}
     *     rejects, or a second one of a method id
     */
    public static List<String> methodIds(List<String> specs) {
        Map<String, String> specsById = new LinkedHashMap<>();
        for (String spec : specs) {
            String id = Methods.parse(spec).id();
            String earlier = specsById.putIfAbsent(id, spec);
            if (earlier != null) {
                throw new IllegalArgumentException("methods '" + earlier + "' and '" + spec + "' are the same method, "
                        + id + ": each method id may be compared once");
            }
        }
        return List.copyOf(specsById.keySet());
    }

    /**
     * Runs every baseline, method and seed: for each seed, the single-task baselines (unless given), then
     * every method.
     *
     * @return the runs, the per-method summary, the Δ_k statistics and the training curves
     * @throws IOException if a run cannot read its data
     */
    public Result run() throws IOException {
        List<String> tasks = new ArrayList<>(measures.keySet());
        List<String> columns = new ArrayList<>();
        measures.values().forEach(list -> list.forEach(measure -> columns.add(measure.name())));
        tasks.forEach(t -> columns.add("delta_" + t));
        columns.addAll(List.of("avg_delta", "med_delta", "max_delta"));
        columns.addAll(RunTiming.COLUMNS);
        ResultsTable runs = new ResultsTable("Runs: test measures, Δ_k (%) over single-task models", columns);
        Map<String, List<EpochSummary>> curves = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> taskDeltas = new LinkedHashMap<>();
        Map<String, List<double[]>> statistics = new LinkedHashMap<>();
        Map<String, List<RunTiming>> times = new LinkedHashMap<>();
        for (int seed : seeds) {
            Map<String, Double> baselines = baselines(seed, tasks, runs, curves);
            for (String id : methods) {
                Run run = runner.train(Methods.parse(id), seed, tasks);
                String name = id + " seed " + seed;
                curves.put(name, run.epochs());
                Map<String, Double> row = new LinkedHashMap<>(selected(run.measures()));
                double[] deltas = new double[tasks.size()];
                for (int k = 0; k < tasks.size(); k++) {
                    deltas[k] = taskDelta(tasks.get(k), run.measures(), baselines);
                    row.put("delta_" + tasks.get(k), deltas[k]);
                    taskDeltas.computeIfAbsent(id, m -> new LinkedHashMap<>())
                            .computeIfAbsent(tasks.get(k), t -> new ArrayList<>()).add(deltas[k]);
                }
                double[] stats = {Statistics.mean(deltas), Statistics.median(deltas), Statistics.max(deltas)};
                row.put("avg_delta", stats[0]);
                row.put("med_delta", stats[1]);
                row.put("max_delta", stats[2]);
                RunTiming timing = RunTiming.of(run.epochs());
                row.putAll(timing.values());
                runs.addRow(name, row);
                statistics.computeIfAbsent(id, m -> new ArrayList<>()).add(stats);
                times.computeIfAbsent(id, m -> new ArrayList<>()).add(timing);
            }
        }
        return new Result(runs, summary(statistics, times), deltaStatistics(taskDeltas), curves);
    }

    /**
     * Reads single-task baselines for {@link Builder#optSingleTaskResults} from a result file: the first row
     * whose run starts with {@value #SINGLE_TASK_RUN}, as a comparison's {@code <name>-runs.csv/.json} has one
     * per seed, or the first row of a file that names no runs (a CSV without a {@value ResultFiles#RUN} column,
     * a flat JSON object of measure to value).
     *
     * @param file a {@code .csv} or {@code .json} file, as {@link ResultFiles#read} reads it
     * @return the row's values by measure name, in the file's order, blank and {@code null} ones left out
     * @throws IOException if the file cannot be read, is malformed, or has no such row (naming the file)
     */
    public static Map<String, Double> readSingleTaskResults(Path file) throws IOException {
        List<ResultFiles.Row> rows = ResultFiles.read(file);
        boolean named = rows.stream().anyMatch(row -> row.run() != null);
        ResultFiles.Row baselines = rows.stream()
                .filter(row -> !named || row.run() != null && row.run().startsWith(SINGLE_TASK_RUN))
                .findFirst()
                .orElseThrow(() -> new IOException(file + (named ? ": no row whose run starts with '" + SINGLE_TASK_RUN
                        + "'" : ": no row of values")));
        Map<String, Double> values = new LinkedHashMap<>();
        baselines.values().forEach((measure, value) -> {
            if (!Double.isNaN(value)) {
                values.put(measure, value);
            }
        });
        return values;
    }

    private Map<String, Double> baselines(int seed, List<String> tasks, ResultsTable runs,
            Map<String, List<EpochSummary>> curves) throws IOException {
        if (!measureBaselines) {
            return givenBaselines;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        List<RunTiming> timings = new ArrayList<>();
        for (String task : tasks) {
            Run run = runner.train(new Vanilla(), seed, List.of(task));
            curves.put("single " + task + " seed " + seed, run.epochs());
            for (Measure measure : measures.get(task)) {
                values.put(measure.name(), run.measures().getOrDefault(measure.name(), Double.NaN));
            }
            timings.add(RunTiming.of(run.epochs()));
        }
        Map<String, Double> row = new LinkedHashMap<>(values);
        row.putAll(RunTiming.sum(timings).values());
        runs.addRow(SINGLE_TASK_RUN + " seed " + seed, row);
        return values;
    }

    private Map<String, Double> selected(Map<String, Double> measured) {
        Map<String, Double> row = new LinkedHashMap<>();
        measures.values().forEach(list -> list.forEach(
                measure -> row.put(measure.name(), measured.getOrDefault(measure.name(), Double.NaN))));
        return row;
    }

    /** A task's Δ_k: the mean of its measures' relative improvements, as the paper's Table 3 averages them. */
    private double taskDelta(String task, Map<String, Double> measured, Map<String, Double> baselines) {
        List<Measure> taskMeasures = measures.get(task);
        double sum = 0;
        for (Measure measure : taskMeasures) {
            sum += measure.improvement(measured.getOrDefault(measure.name(), Double.NaN),
                    baselines.getOrDefault(measure.name(), Double.NaN));
        }
        return sum / taskMeasures.size();
    }

    private static ResultsTable summary(Map<String, List<double[]>> statistics, Map<String, List<RunTiming>> times) {
        ResultsTable summary = new ResultsTable("Methods: median ± std over seeds of avg/med/max Δ_k (%); median over "
                + "seeds of the time per step, per epoch and in all", List.of("avg_delta", "avg_delta_std", "med_delta",
                        "med_delta_std", "max_delta", "max_delta_std", "ms_per_step", "epoch_seconds", "hours"));
        statistics.forEach((method, perSeed) -> {
            Map<String, Double> row = new LinkedHashMap<>();
            String[] names = {"avg_delta", "med_delta", "max_delta"};
            for (int i = 0; i < names.length; i++) {
                final int index = i;
                double[] values = perSeed.stream().mapToDouble(s -> s[index]).toArray();
                row.put(names[i], Statistics.median(values));
                row.put(names[i] + "_std", Statistics.sampleStd(values));
            }
            List<RunTiming> timings = times.get(method);
            row.put("ms_per_step", Statistics.median(timings.stream().mapToDouble(RunTiming::msPerStep).toArray()));
            row.put("epoch_seconds", Statistics.median(timings.stream().mapToDouble(RunTiming::epochSeconds).toArray()));
            row.put("hours", Statistics.median(timings.stream().mapToDouble(RunTiming::hours).toArray()));
            summary.addRow(method, row);
        });
        return summary;
    }

    private static Map<String, Map<String, double[]>> deltaStatistics(Map<String, Map<String, List<Double>>> deltas) {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        deltas.forEach((method, byTask) -> {
            Map<String, double[]> stats = new LinkedHashMap<>();
            byTask.forEach((task, values) -> {
                double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
                stats.put(task, new double[] {Statistics.median(array), Statistics.sampleStd(array)});
            });
            out.put(method, stats);
        });
        return out;
    }

    /** Builds a {@link MethodComparison}. */
    public static final class Builder {
        private final Map<String, List<Measure>> measures = new LinkedHashMap<>();
        private List<String> methods = List.of("vanilla", "rotograd");
        private List<Integer> seeds = List.of(1);
        private Map<String, Double> givenBaselines = Map.of();
        private boolean measureBaselines = true;
        private Runner runner;

        private Builder() {}

        /**
         * Adds a task and the test measures that judge it (named as the runner returns them), each with the
         * direction in which it improves; a task's Δ_k averages over its measures. Tasks are trained in the
         * order added.
         *
         * @param task the task's name, as the runner knows it
         * @param taskMeasures the measures, such as {@code Measure.higherIsBetter("left_accuracy")}; at least one
         * @return this builder
         * @throws IllegalArgumentException when no measure is given
         */
        public Builder addTask(String task, Measure... taskMeasures) {
            if (taskMeasures.length == 0) {
                throw new IllegalArgumentException("task '" + task + "' needs at least one measure");
            }
            measures.put(task, List.of(taskMeasures));
            return this;
        }

        /**
         * Sets the methods, as {@link Methods#parse} specifications; default Vanilla and RotoGrad. Runs and
         * summary rows are keyed by each method's id ({@code cagrad:0.4}), so one method may be compared with
         * itself under other hyperparameters; {@link #build()} checks them.
         *
         * @param methods the method specifications, such as {@code cagrad:0.4}, run in this order
         * @return this builder
         */
        public Builder setMethods(List<String> methods) {
            this.methods = List.copyOf(methods);
            return this;
        }

        /**
         * Sets the seeds; default 1.
         *
         * @param seeds the seeds of the initial weights, run in this order
         * @return this builder
         */
        public Builder setSeeds(List<Integer> seeds) {
            this.seeds = List.copyOf(seeds);
            return this;
        }

        /**
         * Uses these single-task results instead of training single-task models.
         *
         * @param baselines each measure's single-task value, by measure name; a missing measure gives NaN Δ_k
         * @return this builder
         */
        public Builder optSingleTaskResults(Map<String, Double> baselines) {
            this.givenBaselines = Map.copyOf(baselines);
            this.measureBaselines = false;
            return this;
        }

        /**
         * Sets the runner (required).
         *
         * @param runner trains and measures one model per baseline, method and seed
         * @return this builder
         */
        public Builder setRunner(Runner runner) {
            this.runner = runner;
            return this;
        }

        /**
         * Checks the whole plan and builds the comparison, so that a bad plan fails before anything trains.
         *
         * @return the comparison, ready to {@link MethodComparison#run()}
         * @throws NullPointerException without a runner
         * @throws IllegalStateException without tasks
         * @throws IllegalArgumentException naming the entry at fault: a method specification that {@link
         *     Methods#parse} rejects, two specifications of one method id, or a seed given twice
         */
        public MethodComparison build() {
            Objects.requireNonNull(runner, "a comparison needs a runner");
            if (measures.isEmpty()) {
                throw new IllegalStateException("a comparison needs tasks: addTask(name, measures...)");
            }
            List<String> methodIds = methodIds(methods);
            if (new HashSet<>(seeds).size() < seeds.size()) {
                throw new IllegalArgumentException("seeds " + seeds + " give a seed twice");
            }
            return new MethodComparison(this, methodIds);
        }
    }
}
