package org.rotograd4j.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command-line options of where a sample's comparison trains its jobs, as a picocli mixin ({@code @Mixin
 * ExecutorOptions executorOptions}): {@code --executor} ({@value #SEQUENTIAL}, the default, or the name of a
 * {@link JobExecutorProvider} on the class path, such as {@code spark}), {@code --checkpoints} and {@code
 * --checkpoint-every}.
 */
public final class ExecutorOptions {

    /** The executor that trains the jobs one after the other in this JVM: {@link SequentialExecutor}. */
    public static final String SEQUENTIAL = "sequential";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--executor", defaultValue = SEQUENTIAL, paramLabel = "NAME",
            description = "where the jobs train: " + SEQUENTIAL + " (one after the other in this JVM, the default), or "
                    + "an executor on the class path, such as spark (rotograd4j-spark: one Spark task per job)")
    private String executor;

    @Option(names = "--checkpoints", paramLabel = "FOLDER",
            description = "checkpoint every job in its own folder under this one, and resume each job from there when "
                    + "it runs again; required by executors other than " + SEQUENTIAL + ", on a file system that "
                    + "every worker shares")
    private Path checkpoints;

    @Option(names = "--checkpoint-every", defaultValue = "200", paramLabel = "STEPS",
            description = "training steps between a job's checkpoints, besides one at the end of every epoch "
                    + "(default: ${DEFAULT-VALUE})")
    private int checkpointEvery;

    /**
     * Returns whether the options ask for the default: jobs trained one after the other in this JVM without
     * checkpoints, as a command that cannot do otherwise (such as a sweep that is not a comparison) requires.
     *
     * @return {@code true} when neither another {@code --executor} nor {@code --checkpoints} is given
     */
    public boolean sequentialWithoutCheckpoints() {
        return executor.equals(SEQUENTIAL) && checkpoints == null;
    }

    /**
     * Makes the chosen executor: {@value #SEQUENTIAL} makes its runner here, others receive {@code runners} to make
     * theirs where they train.
     *
     * @param runners makes the sample's runner
     * @return the executor, with the checkpoint folders of {@code --checkpoints} when given
     * @throws IOException if the sequential executor's runner cannot read its data
     * @throws CommandLine.ParameterException for an executor that is not on the class path, or one other than
     *     {@value #SEQUENTIAL} without {@code --checkpoints}, or a checkpoint interval that is not positive
     */
    public JobExecutor executor(RunnerFactory runners) throws IOException {
        if (checkpointEvery <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-every must be a positive number "
                    + "of steps, got " + checkpointEvery);
        }
        CheckpointFolders folders = checkpoints == null ? null
                : new CheckpointFolders(checkpoints.toAbsolutePath().toString(), checkpointEvery);
        if (executor.equals(SEQUENTIAL)) {
            MethodComparison.Runner runner = runners.create();
            return folders == null ? new SequentialExecutor(runner) : new SequentialExecutor(runner, folders);
        }
        Map<String, JobExecutorProvider> providers = new TreeMap<>();
        ServiceLoader.load(JobExecutorProvider.class).forEach(provider -> providers.put(provider.name(), provider));
        JobExecutorProvider provider = providers.get(executor);
        if (provider == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--executor " + executor + ": no such executor "
                    + "on the class path; there are " + SEQUENTIAL + (providers.isEmpty() ? "" : ", "
                    + String.join(", ", providers.keySet())) + " (rotograd4j-spark adds spark)");
        }
        if (folders == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--executor " + executor + " needs "
                    + "--checkpoints FOLDER, a folder every worker shares, so that a job run again resumes");
        }
        return provider.create(runners, folders);
    }
}
