package org.rotograd4j.spark;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.rotograd4j.compare.CheckpointFolders;
import org.rotograd4j.compare.ComparisonJob;
import org.rotograd4j.compare.JobExecutor;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.RunnerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a comparison's jobs as Apache Spark tasks, one partition per job: each task makes its runner on its
 * executor with the {@link RunnerFactory}, trains its job with checkpoints in the job's folder under the shared
 * {@link CheckpointFolders} root, and sends back the job's measures and epoch history; the driver then assembles
 * the same result as {@link org.rotograd4j.compare.SequentialExecutor} would have given. When Spark runs a task
 * again (a lost executor, a failed attempt), the job resumes from its newest checkpoint.
 *
 * <pre>{@code
 * MethodComparison comparison = MultiMnistSample.comparison().setMethods(methods).setSeeds(seeds).build();
 * MethodComparison.Result result = comparison.run(new SparkJobExecutor(spark, new MultiMnistRunners(args),
 *         new CheckpointFolders("/shared/checkpoints/multimnist", 200)));
 * }</pre>
 */
public final class SparkJobExecutor implements JobExecutor {

    private static final Logger LOGGER = LoggerFactory.getLogger(SparkJobExecutor.class);

    private final JavaSparkContext spark;
    private final RunnerFactory runners;
    private final CheckpointFolders checkpoints;

    /**
     * Creates the executor.
     *
     * @param spark the Spark context whose executors train the jobs
     * @param runners makes the runner in each task, on its executor
     * @param checkpoints where each job keeps its checkpoints: a root every executor reaches at that path
     * @throws IllegalArgumentException when the context runs speculative tasks, which would train one job twice
     *     at once over the same checkpoints
     */
    public SparkJobExecutor(JavaSparkContext spark, RunnerFactory runners, CheckpointFolders checkpoints) {
        this.spark = Objects.requireNonNull(spark, "Spark context");
        this.runners = Objects.requireNonNull(runners, "runner factory");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoint folders");
        if (spark.getConf().getBoolean("spark.speculation", false)) {
            throw new IllegalArgumentException("spark.speculation=true would train a job in two tasks at once over "
                    + "the same checkpoints: set spark.speculation=false");
        }
    }

    /**
     * Trains every job in its own Spark task and waits for them all.
     *
     * @param jobs the jobs, in the plan's order
     * @return one run per job, in the same order
     * @throws IOException when a job fails in every attempt Spark allows ({@code spark.task.maxFailures}), naming
     *     the job, its method and seed
     */
    @Override
    public List<MethodComparison.Run> execute(List<ComparisonJob> jobs) throws IOException {
        if (jobs.isEmpty()) {
            return List.of();
        }
        LOGGER.info("training {} jobs as Spark tasks on {}; checkpoints every {} steps under {}", jobs.size(),
                spark.master(), checkpoints.everySteps(), checkpoints.root());
        try {
            return spark.parallelize(jobs, jobs.size()).map(new TrainJob(runners, checkpoints)).collect();
        } catch (Exception e) { // Spark's SparkException, which Scala does not declare
            throw new IOException("the comparison's Spark tasks failed: " + e.getMessage(), e);
        }
    }

    /**
     * One Spark task: makes the runner, trains the job with its checkpoints, and names the job when it fails.
     *
     * @param runners makes the runner
     * @param checkpoints the jobs' checkpoint folders
     */
    private record TrainJob(RunnerFactory runners, CheckpointFolders checkpoints)
            implements Function<ComparisonJob, MethodComparison.Run> {

        @Override
        public MethodComparison.Run call(ComparisonJob job) throws IOException {
            int attempt = TaskContext.get().attemptNumber() + 1;
            LOGGER.info("job '{}', attempt {}: training, checkpoints in {}", job.name(), attempt,
                    checkpoints.folder(job));
            try {
                return runners.create().train(job.method(), job.seed(), job.tasks(), checkpoints.forJob(job));
            } catch (IOException | RuntimeException e) {
                throw new IOException("job '" + job.name() + "' (method " + job.methodId() + ", seed " + job.seed()
                        + ", tasks " + job.tasks() + ") failed in attempt " + attempt + ": " + e, e);
            }
        }
    }
}
