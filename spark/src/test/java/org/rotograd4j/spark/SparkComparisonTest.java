package org.rotograd4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.compare.CheckpointFolders;
import org.rotograd4j.compare.ExecutorOptions;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.RunTiming;
import org.rotograd4j.compare.RunnerFactory;
import org.rotograd4j.compare.SequentialExecutor;
import org.rotograd4j.compare.TrainingOptions;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.report.Measure;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.samples.multimnist.IdxFixture;
import org.rotograd4j.samples.multimnist.MultiMnistRunners;
import org.rotograd4j.samples.multimnist.MultiMnistSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * MultiMNIST grids on a local Spark master of two threads that allows two attempts per task: the same results
 * as the sequential comparison, also when a task fails and Spark runs it again.
 */
class SparkComparisonTest {

    /** The summary's columns of times, which differ from one run to the next. */
    private static final List<String> SUMMARY_TIMES = List.of("ms_per_step", "epoch_seconds", "hours");

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkComparisonTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void aGridOnSparkEqualsTheSequentialOneAlsoWhenAFailedTaskResumes(@TempDir Path folder) throws IOException {
        // 64 pairs in batches of 16: 4 steps per epoch, 8 in all; checkpoints after steps 3, 4, 6 and 8.
        List<String> args = List.of("--data", fixture(folder).toString(), "--train-size", "64", "--test-size", "32",
                "--epochs", "2", "--batch-size", "16");
        MethodComparison comparison = MultiMnistSample.comparison().setMethods(List.of("vanilla", "rotograd"))
                .setSeeds(List.of(1, 2)).build();
        MethodComparison.Result sequential = comparison.run(new SequentialExecutor(new MultiMnistRunners(args).create()));

        // RotoGrad seed 2 fails at the end of epoch 2, after its checkpoint of step 6 and before the epoch's own.
        Path resumes = folder.resolve("resumes");
        InjectedFailureRunners runners = new InjectedFailureRunners(new MultiMnistRunners(args), "rotograd seed 2", 2,
                resumes.toString());
        CheckpointFolders checkpoints = new CheckpointFolders(folder.resolve("checkpoints").toString(), 3);
        MethodComparison.Result distributed = comparison.run(new SparkJobExecutor(spark, runners, checkpoints));

        assertEquals("6", Files.readString(resumes.resolve("rotograd seed 2-attempt-1")),
                "the second attempt resumed from the checkpoint of step 6");
        List<String> attempts;
        try (Stream<Path> files = Files.list(resumes)) {
            attempts = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertEquals(comparison.plan().size() + 1, attempts.size(), "one attempt per job, two of the failed one: "
                + attempts);
        for (String attempt : attempts) {
            if (attempt.endsWith("-attempt-0")) {
                assertEquals("0", Files.readString(resumes.resolve(attempt)), attempt + " started from the beginning");
            }
        }
        try (Stream<Path> files = Files.list(checkpoints.folder(comparison.plan().get(0)))) {
            assertEquals(List.of("checkpoint-step-000000006.safetensors", "checkpoint-step-000000008.safetensors"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "a job's two newest checkpoints");
        }

        assertSameResults(sequential, distributed);
        Path local = sequential.write(folder.resolve("sequential"), "multimnist");
        Path onSpark = distributed.write(folder.resolve("spark"), "multimnist");
        for (String chart : List.of("multimnist-deltas.png", "multimnist-curves.png")) {
            assertEquals(-1, Files.mismatch(local.resolveSibling(chart), onSpark.resolveSibling(chart)), chart);
        }
        assertEquals(rowNames(local.resolveSibling("multimnist-runs.json")),
                rowNames(onSpark.resolveSibling("multimnist-runs.json")));
    }

    @Test
    void aJobThatFailsInEveryAttemptIsNamed(@TempDir Path folder) {
        MethodComparison comparison = MethodComparison.builder().addTask("a", Measure.higherIsBetter("a_accuracy"))
                .setMethods(List.of("vanilla", "cagrad:0.5")).optSingleTaskResults(Map.of("a_accuracy", 0.5)).build();
        IOException error = assertThrows(IOException.class, () -> comparison.run(new SparkJobExecutor(spark,
                new FailingRunners(), new CheckpointFolders(folder.toString(), 10))));
        assertTrue(error.getMessage().contains("job 'cagrad:0.5 seed 1' (method cagrad:0.5, seed 1, tasks [a]) failed in "
                + "attempt 2: java.io.IOException: no data for cagrad:0.5"), error.getMessage());
    }

    @Test
    void speculativeTasksAreRefused(@TempDir Path folder) {
        JavaSparkContext speculative = new JavaSparkContext(spark.sc()) {
            @Override
            public SparkConf getConf() {
                return spark.getConf().clone().set("spark.speculation", "true");
            }
        };
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new SparkJobExecutor(
                speculative, new FailingRunners(), new CheckpointFolders(folder.toString(), 10)));
        assertTrue(error.getMessage().startsWith("spark.speculation=true would train a job in two tasks at once"),
                error.getMessage());
    }

    @Test
    void theSampleTrainsOnSparkFromItsCommandLine(@TempDir Path folder) throws IOException {
        Path output = folder.resolve("out");
        Path checkpoints = folder.resolve("checkpoints");
        MultiMnistSample.main(new String[] {"--data", fixture(folder).toString(), "--train-size", "32",
            "--test-size", "32", "--epochs", "1", "--batch-size", "16", "--methods", "rotograd",
            "--executor", "spark", "--checkpoints", checkpoints.toString(), "--checkpoint-every", "1",
            "--output", output.toString()});
        assertEquals(List.of("single-task seed 1", "rotograd seed 1"), rowNames(output.resolve("multimnist-runs.csv")));
        List<String> jobFolders;
        try (Stream<Path> files = Files.list(checkpoints)) {
            jobFolders = files.map(file -> file.getFileName().toString().replaceAll("-[0-9a-f]{8}$", "")).sorted()
                    .toList();
        }
        assertEquals(List.of("rotograd-seed-1", "single-left-seed-1", "single-parity-seed-1", "single-pixels-seed-1",
                "single-right-seed-1", "single-sum-seed-1"), jobFolders, "every job checkpointed in its own folder");
    }

    @Test
    void theSparkExecutorIsFoundOnTheClassPathAndNeedsCheckpoints() {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, TrainingOptions.execute(new ExecutorChoice(), new String[] {"--executor", "spark"}, Map.of()));
        } finally {
            System.setErr(original);
        }
        assertEquals("--executor spark needs --checkpoints FOLDER, a folder every worker shares, so that a job run "
                + "again resumes", bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }

    /** A command with the executor options alone. */
    @Command(name = "choice")
    static final class ExecutorChoice implements Callable<Integer> {
        @Mixin
        ExecutorOptions executorOptions;

        @Override
        public Integer call() throws IOException {
            executorOptions.executor(new FailingRunners());
            return 0;
        }
    }

    /** Asserts that two results agree in everything but the times of steps, epochs and runs. */
    private static void assertSameResults(MethodComparison.Result expected, MethodComparison.Result actual) {
        assertSameValues(expected.runs(), actual.runs(), RunTiming.COLUMNS);
        assertSameValues(expected.summary(), actual.summary(), SUMMARY_TIMES);
        assertEquals(expected.deltas().keySet(), actual.deltas().keySet());
        expected.deltas().forEach((method, byTask) -> {
            assertEquals(byTask.keySet(), actual.deltas().get(method).keySet(), method);
            byTask.forEach((task, stats) -> assertArrayEquals(stats, actual.deltas().get(method).get(task),
                    method + " " + task));
        });
        assertEquals(List.copyOf(expected.curves().keySet()), List.copyOf(actual.curves().keySet()));
        expected.curves().forEach((run, epochs) -> assertEquals(withoutTimes(epochs),
                withoutTimes(actual.curves().get(run)), run));
    }

    private static void assertSameValues(ResultsTable expected, ResultsTable actual, List<String> times) {
        assertEquals(expected.rowNames(), actual.rowNames());
        assertEquals(expected.columns(), actual.columns());
        for (String row : expected.rowNames()) {
            for (String column : expected.columns()) {
                if (!times.contains(column)) {
                    assertEquals(expected.get(row, column), actual.get(row, column), row + ", " + column);
                }
            }
        }
    }

    /** Each epoch's number, losses, validation, skipped steps and number of steps. */
    private static List<List<Object>> withoutTimes(List<EpochSummary> epochs) {
        List<List<Object>> kept = new ArrayList<>();
        for (EpochSummary epoch : epochs) {
            kept.add(List.of(epoch.epoch(), epoch.trainLosses(), epoch.validation(), epoch.skippedSteps(),
                    epoch.stepSeconds().size()));
        }
        return kept;
    }

    private static List<String> rowNames(Path file) throws IOException {
        return ResultFiles.read(file).stream().map(ResultFiles.Row::run).toList();
    }

    /** Writes a small train and test IDX fixture under {@code folder/data} and returns that folder. */
    private static Path fixture(Path folder) throws IOException {
        Path data = folder.resolve("data");
        IdxFixture.write(data, "train", 120, 1);
        IdxFixture.write(data, "t10k", 60, 2);
        return data;
    }

    /** Runners that fail every job but Vanilla's, as a job whose data is missing would. */
    private record FailingRunners() implements RunnerFactory {
        @Override
        public MethodComparison.Runner create() {
            return (method, seed, tasks, checkpoints) -> {
                if (method.id().equals("vanilla")) {
                    return new MethodComparison.Run(Map.of("a_accuracy", 0.6), List.of());
                }
                throw new IOException("no data for " + method.id());
            };
        }
    }
}
