package org.rotograd4j.compare;

import java.io.IOException;
import java.util.List;

/**
 * Trains a comparison's jobs somewhere: {@link SequentialExecutor} one after the other in this JVM, or an
 * executor of another module, such as Spark's, elsewhere. {@link MethodComparison#run(JobExecutor)} hands it the
 * {@link MethodComparison#plan() plan} and assembles the results from the runs it returns.
 */
@FunctionalInterface
public interface JobExecutor {

    /**
     * Trains every job and measures it.
     *
     * @param jobs the jobs, in the plan's order
     * @return one run per job, in the same order
     * @throws IOException if a job cannot read its data, or fails for good (naming the job)
     */
    List<MethodComparison.Run> execute(List<ComparisonJob> jobs) throws IOException;
}
