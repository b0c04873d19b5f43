package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.rotograd4j.train.MultiTaskConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ExecutorOptionsTest {

    /** A sample's command with the executor options: makes the executor, counting the runners made. */
    @Command(name = "toy")
    static final class Toy implements Callable<Integer> {
        @Mixin
        ExecutorOptions executorOptions;

        final List<JobCheckpoints> checkpoints = new ArrayList<>();
        int runnersMade;
        JobExecutor executor;

        @Override
        public Integer call() throws Exception {
            executor = executorOptions.executor(() -> {
                runnersMade++;
                return (method, seed, tasks, jobCheckpoints) -> {
                    checkpoints.add(jobCheckpoints);
                    return new MethodComparison.Run(Map.of(), List.of());
                };
            });
            return 0;
        }
    }

    @Test
    void theSequentialExecutorMakesItsRunnerHereAndCheckpointsOnlyWhenAsked(@TempDir Path folder) throws Exception {
        ComparisonJob job = ComparisonJob.method("rotograd", 1, List.of("a", "b"));
        Toy plain = new Toy();
        assertEquals(0, TrainingOptions.execute(plain, new String[0], Map.of()));
        assertInstanceOf(SequentialExecutor.class, plain.executor);
        assertEquals(1, plain.runnersMade);
        plain.executor.execute(List.of(job));
        assertEquals(List.of(JobCheckpoints.none()), plain.checkpoints);

        Toy checkpointing = new Toy();
        assertEquals(0, TrainingOptions.execute(checkpointing, new String[] {"--checkpoints", folder.toString(),
            "--checkpoint-every", "7"}, Map.of()));
        checkpointing.executor.execute(List.of(job));
        CheckpointPolicy policy = checkpointing.checkpoints.get(0).configure(MultiTaskConfig.builder()).build()
                .checkpoints();
        assertEquals(new CheckpointPolicy(folder.resolve(job.folderName()), 7, true, CheckpointFolders.KEPT), policy);
    }

    @Test
    void anUnknownExecutorOrABadIntervalIsRefusedNamingTheOption() {
        assertEquals("--executor spark: no such executor on the class path; there are sequential (rotograd4j-spark "
                + "adds spark)", firstErrorLine("--executor", "spark", "--checkpoints", "shared"));
        assertEquals("--checkpoint-every must be a positive number of steps, got 0",
                firstErrorLine("--checkpoint-every", "0"));
    }

    /** Runs a bad command line, which must exit with 2, and returns the first line of its error. */
    static String firstErrorLine(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Toy toy = new Toy();
        try {
            assertEquals(2, TrainingOptions.execute(toy, args, Map.of()), List.of(args).toString());
        } finally {
            System.setErr(original);
        }
        assertEquals(0, toy.runnersMade, "no runner is made for a bad command line");
        // SLF4J, first used in this JVM, may say that it has no provider.
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("SLF4J")).findFirst()
                .orElse("");
    }
}
