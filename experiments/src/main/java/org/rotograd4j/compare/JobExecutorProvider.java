package org.rotograd4j.compare;

/**
 * Makes a named {@link JobExecutor} for {@link ExecutorOptions#executor} ({@code --executor <name>}): a module that
 * runs jobs elsewhere, such as {@code rotograd4j-spark}, lists its provider in {@code
 * META-INF/services/org.rotograd4j.compare.JobExecutorProvider}, and {@link java.util.ServiceLoader} finds it on
 * the class path.
 */
public interface JobExecutorProvider {

    /**
     * Returns the executor's name, as {@code --executor} gives it.
     *
     * @return such as {@code spark}
     */
    String name();

    /**
     * Makes the executor.
     *
     * @param runners makes the runner wherever the executor trains a job
     * @param checkpoints where each job keeps its checkpoints, so that a job run again resumes
     * @return the executor
     */
    JobExecutor create(RunnerFactory runners, CheckpointFolders checkpoints);
}
