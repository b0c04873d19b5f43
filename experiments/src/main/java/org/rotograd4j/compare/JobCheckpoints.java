package org.rotograd4j.compare;

import java.io.IOException;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.train.MultiTaskConfig;

/**
 * Where one {@link ComparisonJob} keeps its checkpoints, as an executor hands it to the {@link
 * MethodComparison.Runner}: a runner {@link #configure configures} its training with it, {@link #resume resumes}
 * the training from the newest checkpoint before it fits, and reports the training's {@link
 * MultiTaskTraining#history() history}, so that a job run again after a failure goes on from its last
 * checkpoint and ends as if it had never stopped.
 *
 * <pre>{@code
 * MultiTaskConfig config = checkpoints.configure(options.config(seed).optMethod(() -> method)).build();
 * try (MyModelTraining training = MyModelTraining.builder(block).optConfig(config)...build()) {
 *     checkpoints.resume(training.training());
 *     training.fit(train, validation);
 *     return new MethodComparison.Run(training.evaluate(test), training.training().history());
 * }
 * }</pre>
 */
public interface JobCheckpoints {

    /**
     * Adds the job's checkpoint policy to a training's configuration.
     *
     * @param config the configuration
     * @return {@code config}, with its checkpoints set when the job has a place for them
     */
    MultiTaskConfig.Builder configure(MultiTaskConfig.Builder config);

    /**
     * Restores the job's newest checkpoint into a training configured by {@link #configure}, so that its next
     * fit goes on from there.
     *
     * @param training the job's training, built and not yet fitted
     * @return the training steps the restored checkpoint had applied; 0 when there was none to restore
     * @throws IOException if the newest checkpoint cannot be read or does not fit the training (naming the job
     *     and the file)
     */
    int resume(MultiTaskTraining training) throws IOException;

    /**
     * Returns the checkpoints of a job that keeps none: it neither writes nor restores any.
     *
     * @return the same instance every time
     */
    static JobCheckpoints none() {
        return NoCheckpoints.INSTANCE;
    }

    /** No checkpoints: the configuration is left as it is and there is never anything to resume. */
    enum NoCheckpoints implements JobCheckpoints {
        /** The only instance. */
        INSTANCE;

        @Override
        public MultiTaskConfig.Builder configure(MultiTaskConfig.Builder config) {
            return config;
        }

        @Override
        public int resume(MultiTaskTraining training) {
            return 0;
        }
    }
}
