package org.rotograd4j.compare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Trains a comparison's jobs one after the other, in the plan's order, with one runner in this JVM: what {@link
 * MethodComparison#run()} does. Without checkpoint folders the jobs keep no checkpoints; with them, a
 * comparison run again after a crash resumes every job from its newest checkpoint.
 */
public final class SequentialExecutor implements JobExecutor {

    private final MethodComparison.Runner runner;
    private final Function<ComparisonJob, JobCheckpoints> checkpoints;

    /**
     * Creates an executor whose jobs keep no checkpoints.
     *
     * @param runner trains and measures each job
     */
    public SequentialExecutor(MethodComparison.Runner runner) {
        this(runner, job -> JobCheckpoints.none());
    }

    /**
     * Creates an executor whose jobs checkpoint into their folders.
     *
     * @param runner trains and measures each job
     * @param folders where each job's checkpoints go
     */
    public SequentialExecutor(MethodComparison.Runner runner, CheckpointFolders folders) {
        this(runner, folders::forJob);
    }

    private SequentialExecutor(MethodComparison.Runner runner, Function<ComparisonJob, JobCheckpoints> checkpoints) {
        this.runner = runner;
        this.checkpoints = checkpoints;
    }

    @Override
    public List<MethodComparison.Run> execute(List<ComparisonJob> jobs) throws IOException {
        List<MethodComparison.Run> runs = new ArrayList<>(jobs.size());
        for (ComparisonJob job : jobs) {
            runs.add(runner.train(job.method(), job.seed(), job.tasks(), checkpoints.apply(job)));
        }
        return runs;
    }
}
