package org.rotograd4j.compare;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.train.MultiTaskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A comparison's checkpoints: one folder per {@link ComparisonJob} (its {@link ComparisonJob#folderName()}) under a
 * root that every process running jobs can reach (a shared or network file system), each written every few
 * training steps and at the end of every epoch, the newest {@value #KEPT} kept. Serializable, so that it can
 * travel with the jobs. A root belongs to one comparison's settings: a job resumes from whatever its folder holds.
 *
 * @param root the root folder, as a path string of the processes that run the jobs
 * @param everySteps the interval between checkpoints, in training steps; positive
 * @serial exclude
 */
public record CheckpointFolders(String root, int everySteps) implements Serializable {

    /** How many of a job's newest checkpoints are kept. */
    public static final int KEPT = 2;

    private static final Logger LOGGER = LoggerFactory.getLogger(CheckpointFolders.class);

    /**
     * Checks the components.
     *
     * @param root the root folder
     * @param everySteps the interval between checkpoints, in training steps
     * @throws IllegalArgumentException when the interval is not positive
     */
    public CheckpointFolders {
        Objects.requireNonNull(root, "checkpoint root");
        if (everySteps <= 0) {
            throw new IllegalArgumentException("the checkpoint interval must be a positive number of steps, got "
                    + everySteps);
        }
    }

    /**
     * Returns the folder of a job's checkpoints.
     *
     * @param job the job
     * @return {@code <root>/<job's folder name>}
     */
    public Path folder(ComparisonJob job) {
        return Path.of(root).resolve(job.folderName());
    }

    /**
     * Returns a job's checkpoints in its folder.
     *
     * @param job the job
     * @return checkpoints that a runner configures its training with and resumes from
     */
    public JobCheckpoints forJob(ComparisonJob job) {
        return new JobFolder(job.name(), CheckpointPolicy.everyEpoch(folder(job)).withEverySteps(everySteps)
                .withKeepLast(KEPT));
    }

    /** One job's folder of checkpoints. */
    private record JobFolder(String job, CheckpointPolicy policy) implements JobCheckpoints {

        @Override
        public MultiTaskConfig.Builder configure(MultiTaskConfig.Builder config) {
            return config.optCheckpoints(policy);
        }

        @Override
        public int resume(MultiTaskTraining training) throws IOException {
            Optional<Path> newest = policy.latest();
            if (newest.isEmpty()) {
                LOGGER.info("job '{}' starts from the beginning; checkpoints go to {}", job, policy.directory());
                return 0;
            }
            try {
                training.load(newest.get());
            } catch (IOException e) {
                throw new IOException("job '" + job + "' cannot resume from " + newest.get() + ": " + e.getMessage(), e);
            }
            int steps = training.trainer().steps();
            LOGGER.info("job '{}' resumes from {} after {} steps, {} epochs done", job, newest.get(), steps,
                    training.history().size());
            return steps;
        }
    }
}
