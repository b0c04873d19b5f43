package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.report.Measure;
import org.rotograd4j.report.ReportPages;

/** The comparison's bookkeeping, with a runner whose results are known. */
class MethodComparisonTest {

    /** One epoch of three steps of 10, 20 and 60 ms times {@code scale}, 0.5 s of validation, 2 s in all. */
    private static List<EpochSummary> epochs(String task, double scale) {
        return List.of(new EpochSummary(1, Map.of(task, 1.0), Map.of(), 2, 0, 0.5,
                List.of(0.010 * scale, 0.020 * scale, 0.060 * scale)));
    }

    @Test
    void computesDeltasOverSingleTaskModelsAndSummarizesOverSeeds(@TempDir Path folder) throws Exception {
        List<String> calls = new ArrayList<>();
        MethodComparison.Runner runner = (method, seed, tasks, checkpoints) -> {
            calls.add(method.name() + " " + seed + " " + tasks);
            // Single-task: accuracy 0.8, error 2.0. Vanilla: 0.8 and 2.0 (Δ 0). RotoGrad: 0.88 and 1.5 + 0.1·seed.
            boolean roto = method.name().equals("RotoGrad");
            return new MethodComparison.Run(Map.of("a_accuracy", roto ? 0.88 : 0.8,
                    "b_error", roto ? 1.5 + 0.1 * seed : 2.0), epochs(tasks.get(0), seed));
        };
        MethodComparison.Result result = MethodComparison.builder()
                .addTask("a", Measure.higherIsBetter("a_accuracy"))
                .addTask("b", Measure.lowerIsBetter("b_error"))
                .setSeeds(List.of(1, 2, 3))
                .setRunner(runner)
                .build()
                .run();
        assertEquals(3 * (2 + 2), calls.size(), "per seed: two single-task models and two methods");
        assertEquals("Vanilla 1 [a]", calls.get(0));
        // RotoGrad seed 1: Δ_a = +10%, Δ_b = -(1.6 - 2)/2 = +20%.
        assertEquals(10, result.runs().get("rotograd seed 1", "delta_a"), 1e-9);
        assertEquals(20, result.runs().get("rotograd seed 1", "delta_b"), 1e-9);
        assertEquals(15, result.runs().get("rotograd seed 1", "avg_delta"), 1e-9);
        assertEquals(20, result.runs().get("rotograd seed 1", "max_delta"), 1e-9);
        assertEquals(0, result.runs().get("vanilla seed 2", "avg_delta"), 1e-9);
        // avg Δ over seeds: 15, 12.5, 10 -> median 12.5, std 2.5.
        assertEquals(12.5, result.summary().get("rotograd", "avg_delta"), 1e-9);
        assertEquals(2.5, result.summary().get("rotograd", "avg_delta_std"), 1e-9);
        assertEquals(15, result.deltas().get("rotograd").get("b")[0], 1e-9, "median Δ_b");

        // Steps of 10, 20, 60 ms times the seed: median 20·seed, quartiles 15·seed and 40·seed.
        assertEquals(40, result.runs().get("rotograd seed 2", "ms_per_step"), 1e-9);
        assertEquals(50, result.runs().get("rotograd seed 2", "ms_per_step_iqr"), 1e-9);
        assertEquals(2, result.runs().get("rotograd seed 2", "epoch_seconds"), 1e-9);
        assertEquals(0.5, result.runs().get("rotograd seed 2", "validation_seconds"), 1e-9);
        assertEquals(2 / 3600.0, result.runs().get("rotograd seed 2", "hours"), 1e-12);
        assertEquals(2 * 20 * 3, result.runs().get("single-task seed 3", "ms_per_step"), 1e-9, "two models' steps");
        assertEquals(2 * 2 / 3600.0, result.runs().get("single-task seed 3", "hours"), 1e-12);
        assertEquals(40, result.summary().get("rotograd", "ms_per_step"), 1e-9, "median over seeds 1, 2, 3");
        assertEquals(2 / 3600.0, result.summary().get("rotograd", "hours"), 1e-12);

        Path html = result.write(folder, "toy");
        assertEquals(folder.resolve("toy-report.html"), html);
        for (String file : List.of("toy-runs.csv", "toy-runs.json", "toy-summary.csv", "toy-summary.json",
                "toy-curves.png", "toy-deltas.png", "toy-report.html")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
        Document page = Jsoup.parse(html.toFile(), StandardCharsets.UTF_8.name());
        ReportPages.assertShows(page, result.summary());
        ReportPages.assertShows(page, result.runs());
        assertEquals(2, ReportPages.embeddedImages(page).size(), "the curves and the Δ_k chart");
    }

    @Test
    void thePlanListsEachSeedsBaselinesThenItsMethodsAndAnyExecutorGivesTheSameResult() throws Exception {
        MethodComparison.Runner runner = (method, seed, tasks, checkpoints) -> new MethodComparison.Run(Map.of(
                "a_accuracy", 0.5 + 0.01 * seed + (tasks.size() > 1 ? method.id().length() / 100.0 : 0), "b_error", 2.0
                        - 0.1 * seed), epochs(tasks.get(0), seed));
        MethodComparison comparison = MethodComparison.builder()
                .addTask("a", Measure.higherIsBetter("a_accuracy"))
                .addTask("b", Measure.lowerIsBetter("b_error"))
                .setMethods(List.of("cagrad:0.4", "rotograd"))
                .setSeeds(List.of(2, 1))
                .setRunner(runner)
                .build();
        List<ComparisonJob> plan = comparison.plan();
        assertEquals(List.of("single a seed 2", "single b seed 2", "cagrad:0.4 seed 2", "rotograd seed 2",
                "single a seed 1", "single b seed 1", "cagrad:0.4 seed 1", "rotograd seed 1"),
                plan.stream().map(ComparisonJob::name).toList());
        assertEquals(ComparisonJob.singleTask("b", 2), plan.get(1));
        assertEquals(ComparisonJob.method("rotograd", 1, List.of("a", "b")), plan.get(7));

        // An executor that trains the jobs last first, each in a copy that went through serialization.
        JobExecutor backwards = jobs -> {
            MethodComparison.Run[] runs = new MethodComparison.Run[jobs.size()];
            for (int j = jobs.size() - 1; j >= 0; j--) {
                ComparisonJob job = serialized(jobs.get(j));
                runs[j] = serialized(runner.train(job.method(), job.seed(), job.tasks(), JobCheckpoints.none()));
            }
            return List.of(runs);
        };
        MethodComparison.Result sequential = comparison.run();
        MethodComparison.Result elsewhere = comparison.run(backwards);
        assertEquals(sequential.runs().render(), elsewhere.runs().render());
        assertEquals(sequential.summary().render(), elsewhere.summary().render());
        assertEquals(sequential.curves(), elsewhere.curves());
        assertEquals(List.copyOf(sequential.curves().keySet()), plan.stream().map(ComparisonJob::name).toList());
        assertEquals(List.of("single-task seed 2", "cagrad:0.4 seed 2", "rotograd seed 2", "single-task seed 1",
                "cagrad:0.4 seed 1", "rotograd seed 1"), elsewhere.runs().rowNames());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> comparison.assemble(List.of()));
        assertEquals("the plan has 8 jobs, but 0 runs were given", missing.getMessage());
        IllegalStateException noRunner = assertThrows(IllegalStateException.class, () -> MethodComparison.builder()
                .addTask("a", Measure.higherIsBetter("a_accuracy")).build().run());
        assertEquals("a comparison run in this JVM needs a runner: setRunner(runner), or run(executor)",
                noRunner.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T serialized(T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    @Test
    void givenSingleTaskResultsAreUsedInsteadOfTraining() throws Exception {
        List<String> calls = new ArrayList<>();
        MethodComparison.Result result = MethodComparison.builder()
                .addTask("a", Measure.higherIsBetter("a_accuracy"))
                .setMethods(List.of("mgda"))
                .optSingleTaskResults(Map.of("a_accuracy", 0.5))
                .setRunner((method, seed, tasks, checkpoints) -> {
                    calls.add(method.name());
                    return new MethodComparison.Run(Map.of("a_accuracy", 0.6), List.of());
                })
                .build()
                .run();
        assertEquals(List.of("MGDA"), calls);
        assertEquals(20, result.runs().get("mgda seed 1", "delta_a"), 1e-9);
        assertTrue(Double.isNaN(result.runs().get("mgda seed 1", "ms_per_step")), "no epochs, no time");
    }

    @Test
    void oneMethodWithTwoSettingsGivesTwoRowsKeyedByTheirIds() throws Exception {
        List<String> calls = new ArrayList<>();
        MethodComparison.Result result = MethodComparison.builder()
                .addTask("a", Measure.higherIsBetter("a_accuracy"))
                .setMethods(List.of("cagrad:0.4", "CAGrad:0.50", "rotograd"))
                .optSingleTaskResults(Map.of("a_accuracy", 0.5))
                .setSeeds(List.of(1, 2))
                .setRunner((method, seed, tasks, checkpoints) -> {
                    calls.add(method.id() + " " + seed);
                    // The accuracy tells the settings apart: 0.5 + c, or 0.6 without c.
                    double accuracy = 0.5 + (method.hyperparameters().length > 0 ? method.hyperparameters()[0] : 0.1);
                    return new MethodComparison.Run(Map.of("a_accuracy", accuracy), List.of());
                })
                .build()
                .run();
        assertEquals(List.of("cagrad:0.4 1", "cagrad:0.5 1", "rotograd 1", "cagrad:0.4 2", "cagrad:0.5 2",
                "rotograd 2"), calls);
        assertEquals(80, result.runs().get("cagrad:0.4 seed 1", "delta_a"), 1e-9);
        assertEquals(100, result.runs().get("cagrad:0.5 seed 2", "delta_a"), 1e-9);
        assertEquals(80, result.summary().get("cagrad:0.4", "avg_delta"), 1e-9);
        assertEquals(100, result.summary().get("cagrad:0.5", "avg_delta"), 1e-9);
        assertEquals(20, result.summary().get("rotograd", "avg_delta"), 1e-9);
        assertEquals(List.of("cagrad:0.4", "cagrad:0.5", "rotograd"), List.copyOf(result.deltas().keySet()));
    }

    @Test
    void aBadPlanFailsBeforeAnythingTrainsNamingTheEntry() {
        Map<List<String>, String> expected = new LinkedHashMap<>();
        expected.put(List.of("rotograd", "sgd"), "'sgd': unknown method 'sgd'; known: aligned-mtl, ");
        expected.put(List.of("cagrad:-1"), "'cagrad:-1': CAGrad's c must be >= 0, got -1");
        expected.put(List.of("mgda:2"), "'mgda:2': MGDA takes no hyperparameters");
        expected.put(List.of("cagrad", "rotograd", "cagrad:0.40"),
                "methods 'cagrad' and 'cagrad:0.40' are the same method, cagrad:0.4");
        List<String> calls = new ArrayList<>();
        MethodComparison.Runner recording = (method, seed, tasks, checkpoints) -> {
            calls.add(method.id());
            return new MethodComparison.Run(Map.of(), List.of());
        };
        expected.forEach((methods, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodComparison.builder()
                    .addTask("a", Measure.higherIsBetter("a_accuracy")).setMethods(methods).setRunner(recording).build().run(), methods.toString());
            assertTrue(e.getMessage().startsWith(message), methods + " gave: " + e.getMessage());
        });
        IllegalArgumentException seeds = assertThrows(IllegalArgumentException.class, () -> MethodComparison.builder()
                .addTask("a", Measure.higherIsBetter("a_accuracy")).setSeeds(List.of(1, 2, 1)).setRunner(recording).build().run());
        assertEquals("seeds [1, 2, 1] give a seed twice", seeds.getMessage());
        assertEquals(List.of(), calls, "nothing trains");
    }

    @Test
    void singleTaskResultsAreReadFromTheRunsFileOrAPlainOne(@TempDir Path folder) throws IOException {
        Path runs = folder.resolve("runs.csv");
        Files.writeString(runs, "run,a_f1,b_f1,delta_a\nVanilla seed 1,1,2,3\nsingle-task seed 1,40,60,\n");
        assertEquals(Map.of("a_f1", 40.0, "b_f1", 60.0), MethodComparison.readSingleTaskResults(runs));
        Path plain = folder.resolve("plain.csv");
        Files.writeString(plain, "b_f1,a_f1\n7,8\n9,10\n");
        assertEquals(Map.of("a_f1", 8.0, "b_f1", 7.0), MethodComparison.readSingleTaskResults(plain));
        Path flat = folder.resolve("flat.json");
        Files.writeString(flat, "{\"source\": \"the paper\", \"a_f1\": 40.5, \"b_f1\": null}");
        assertEquals(Map.of("a_f1", 40.5), MethodComparison.readSingleTaskResults(flat));
        Path multiTask = folder.resolve("multi.csv");
        Files.writeString(multiTask, "run,a_f1\nRotoGrad seed 1,0.4\n");
        IOException error = assertThrows(IOException.class, () -> MethodComparison.readSingleTaskResults(multiTask));
        assertEquals(multiTask + ": no row whose run starts with 'single-task'", error.getMessage());
    }
}
