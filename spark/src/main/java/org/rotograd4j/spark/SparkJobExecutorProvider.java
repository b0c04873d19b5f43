package org.rotograd4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.rotograd4j.compare.CheckpointFolders;
import org.rotograd4j.compare.JobExecutor;
import org.rotograd4j.compare.JobExecutorProvider;
import org.rotograd4j.compare.RunnerFactory;

/**
 * {@code --executor spark}: a {@link SparkJobExecutor} on the application's Spark context, the one {@code
 * spark-submit} configures (master, executors, memory) or one already running in this JVM.
 */
public final class SparkJobExecutorProvider implements JobExecutorProvider {

    /** The executor's name, as {@code --executor} gives it. */
    public static final String NAME = "spark";

    /** Creates the provider; {@link java.util.ServiceLoader} does. */
    public SparkJobExecutorProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Makes a Spark executor on the running Spark context, or on a new one configured by the {@code spark.*}
     * system properties that {@code spark-submit} sets.
     *
     * @param runners makes the runner in each task
     * @param checkpoints where each job keeps its checkpoints, on a file system every executor shares
     * @return the executor
     */
    @Override
    public JobExecutor create(RunnerFactory runners, CheckpointFolders checkpoints) {
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "RotoGrad4J method comparison");
        return new SparkJobExecutor(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf)), runners,
                checkpoints);
    }
}
