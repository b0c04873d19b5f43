package org.rotograd4j.compare;

import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
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
 *
 * <p>Planning, training and assembly are apart, so that the trainings can run elsewhere: {@link #plan()} lists
 * the jobs (serializable {@link ComparisonJob}s), a {@link JobExecutor} trains them ({@link SequentialExecutor}
 * one after the other in this JVM, as {@link #run()} does; Spark's in {@code rotograd4j-spark}), and {@link
 * #assemble} makes the result from their runs in the plan's order.
 */
public final class MethodComparison {

    /** Trains one model and measures it; samples implement it with their generated training. */
    @FunctionalInterface
    public interface Runner {
        /**
         * Trains a model on some tasks with a method and seed, and evaluates it. With checkpoints, the runner
         * configures the training with them and resumes it from the newest before it fits, and returns the whole
         * {@link org.rotograd4j.fit.MultiTaskTraining#history() history} of the training, so that a job run again
         * after a failure ends as the uninterrupted one would have.
         *
         * @param method the method
         * @param seed the seed of the initial weights
         * @param tasks the tasks to train (all of them, or one for a single-task baseline)
         * @param checkpoints where the job keeps its checkpoints; {@link JobCheckpoints#none()} when it keeps none
         * @return the run's test measures and cost
         * @throws IOException if data cannot be read
         */
        Run train(MultiTaskMethod method, int seed, List<String> tasks, JobCheckpoints checkpoints) throws IOException;
    }

    /** The start of the name of a seed's row of single-task baselines in the runs table. */
    public static final String SINGLE_TASK_RUN = "single-task";

    /**
     * One trained model. Serializable when its map and list are (as the fit's are), so that an executor can
     * bring it back from another process.
     *
     * @param measures its test measures by name (for example {@code left_accuracy})
     * @param epochs its per-epoch history, for the curves and the {@link RunTiming}
     * @serial exclude
     */
    public record Run(Map<String, Double> measures, List<EpochSummary> epochs) implements Serializable {}

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
    private final @Nullable Runner runner;

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
     * Returns the jobs that the comparison trains: for each seed, the single-task baselines (unless given), then
     * every method.
     *
     * @return the jobs, in that order
     */
    public List<ComparisonJob> plan() {
        List<String> tasks = List.copyOf(measures.keySet());
        List<ComparisonJob> jobs = new ArrayList<>();
        for (int seed : seeds) {
            if (measureBaselines) {
                tasks.forEach(task -> jobs.add(ComparisonJob.singleTask(task, seed)));
            }
            methods.forEach(id -> jobs.add(ComparisonJob.method(id, seed, tasks)));
        }
        return List.copyOf(jobs);
    }

    /**
     * Runs every job of the {@link #plan()} one after the other in this JVM, with the builder's runner and no
     * checkpoints: {@code run(new SequentialExecutor(runner))}.
     *
     * @return the runs, the per-method summary, the Δ_k statistics and the training curves
     * @throws IOException if a run cannot read its data
     * @throws IllegalStateException when the builder was given no runner
     */
    public Result run() throws IOException {
        if (runner == null) {
            throw new IllegalStateException("a comparison run in this JVM needs a runner: setRunner(runner), or "
                    + "run(executor)");
        }
        return run(new SequentialExecutor(runner));
    }

    /**
     * Has an executor train every job of the {@link #plan()} and assembles the result from their runs.
     *
     * @param executor trains the jobs, here or elsewhere
     * @return the runs, the per-method summary, the Δ_k statistics and the training curves
     * @throws IOException if a job cannot read its data or fails for good
     */
    public Result run(JobExecutor executor) throws IOException {
        return assemble(executor.execute(plan()));
    }

    /**
     * Makes the comparison's result from its jobs' runs: every run's measures and Δ_k over the same seed's
     * single-task models (or the given ones), the summary over seeds and the curves.
     *
     * @param jobRuns one run per job of the {@link #plan()}, in its order
     * @return the runs, the per-method summary, the Δ_k statistics and the training curves
     * @throws IllegalArgumentException when there are not as many runs as jobs
     */
    public Result assemble(List<Run> jobRuns) {
        List<ComparisonJob> jobs = plan();
        if (jobRuns.size() != jobs.size()) {
            throw new IllegalArgumentException("the plan has " + jobs.size() + " jobs, but " + jobRuns.size()
                    + " runs were given");
        }
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
        Map<Integer, SingleTaskRuns> singleTaskRuns = new LinkedHashMap<>();
        for (int j = 0; j < jobs.size(); j++) {
            ComparisonJob job = jobs.get(j);
            Run run = jobRuns.get(j);
            curves.put(job.name(), run.epochs());
            if (job.singleTaskBaseline()) {
                SingleTaskRuns seedRuns = singleTaskRuns.computeIfAbsent(job.seed(), seed -> new SingleTaskRuns());
                seedRuns.add(measures.get(job.tasks().get(0)), run);
                if (seedRuns.timings.size() == tasks.size()) {
                    runs.addRow(SINGLE_TASK_RUN + " seed " + job.seed(), seedRuns.row());
                }
                continue;
            }
            Map<String, Double> baselines = measureBaselines ? singleTaskRuns.get(job.seed()).values : givenBaselines;
            String id = job.methodId();
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
            runs.addRow(job.name(), row);
            statistics.computeIfAbsent(id, m -> new ArrayList<>()).add(stats);
            times.computeIfAbsent(id, m -> new ArrayList<>()).add(timing);
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

    /** A seed's single-task models: their measures, in task order, and their timings. */
    private static final class SingleTaskRuns {
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final List<RunTiming> timings = new ArrayList<>();

        void add(List<Measure> taskMeasures, Run run) {
            for (Measure measure : taskMeasures) {
                values.put(measure.name(), run.measures().getOrDefault(measure.name(), Double.NaN));
            }
            timings.add(RunTiming.of(run.epochs()));
        }

        /** The runs table's row: every task's measures and the models' summed timing. */
        Map<String, Double> row() {
            Map<String, Double> row = new LinkedHashMap<>(values);
            row.putAll(RunTiming.sum(timings).values());
            return row;
        }
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
        private @Nullable Runner runner;

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
         * Sets the runner that {@link MethodComparison#run()} trains with in this JVM; not needed to {@link
         * MethodComparison#run(JobExecutor) run} on an executor that makes its own.
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
         * @throws IllegalStateException without tasks
         * @throws IllegalArgumentException naming the entry at fault: a method specification that {@link
         *     Methods#parse} rejects, two specifications of one method id, or a seed given twice
         */
        public MethodComparison build() {
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
