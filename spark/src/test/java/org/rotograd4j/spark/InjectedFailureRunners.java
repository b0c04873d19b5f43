package org.rotograd4j.spark;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.TaskContext;
import org.rotograd4j.compare.JobCheckpoints;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.RunnerFactory;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.train.MultiTaskConfig;

/**
 * Runners that fail one job once: in its first attempt, the job named {@code failing} throws at the end of epoch
 * {@code failingEpoch}, after the checkpoints of that epoch's steps and before the epoch's own. Every job's every
 * attempt writes the step it resumed from to {@code <resumes>/<job>-attempt-<n>}.
 *
 * @param runners makes the runners that train
 * @param failing the name of the job that fails, such as {@code rotograd seed 2}
 * @param failingEpoch the epoch at whose end it fails
 * @param resumes the folder of the resume records
 */
record InjectedFailureRunners(RunnerFactory runners, String failing, int failingEpoch, String resumes)
        implements RunnerFactory {

    @Override
    public MethodComparison.Runner create() throws IOException {
        MethodComparison.Runner runner = runners.create();
        return (method, seed, tasks, checkpoints) -> {
            String job = (tasks.size() == 1 ? "single " + tasks.get(0) : method.id()) + " seed " + seed;
            int attempt = TaskContext.get().attemptNumber();
            boolean fails = job.equals(failing) && attempt == 0;
            return runner.train(method, seed, tasks, new JobCheckpoints() {
                @Override
                public MultiTaskConfig.Builder configure(MultiTaskConfig.Builder config) {
                    checkpoints.configure(config);
                    return fails ? config.addListeners(new FailAtEpochEnd(failingEpoch)) : config;
                }

                @Override
                public int resume(MultiTaskTraining training) throws IOException {
                    int steps = checkpoints.resume(training);
                    Files.createDirectories(Path.of(resumes));
                    Files.writeString(Path.of(resumes, job + "-attempt-" + attempt), Integer.toString(steps));
                    return steps;
                }
            });
        };
    }

    /** Throws at the end of one epoch, as a lost executor would stop the task. */
    private static final class FailAtEpochEnd extends TrainingListenerAdapter {
        private final int epoch;
        private int epochsEnded;

        FailAtEpochEnd(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            if (++epochsEnded == epoch) {
                throw new IllegalStateException("injected failure at the end of epoch " + epoch);
            }
        }
    }
}
