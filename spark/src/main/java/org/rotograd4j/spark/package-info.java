/**
 * A method comparison on Apache Spark: {@link org.rotograd4j.spark.SparkJobExecutor} trains each job of a {@link
 * org.rotograd4j.compare.MethodComparison#plan() comparison's plan} in its own Spark task, resuming from the job's
 * newest checkpoint when Spark runs the task again; {@link org.rotograd4j.spark.SparkJobExecutorProvider} makes it
 * the samples' {@code --executor spark}. Spark itself is the cluster's ({@code provided}).
 *
 * <p>Parameters and return values are non-null.
 */
package org.rotograd4j.spark;
