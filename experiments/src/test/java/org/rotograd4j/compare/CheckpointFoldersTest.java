package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.fit.MultiTaskTraining;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.report.Measure;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;

/** A comparison run again after a crash resumes each job from its checkpoints and ends as if it never stopped. */
class CheckpointFoldersTest {

    /** 48 samples in batches of 8: 6 steps an epoch, 18 in three epochs. */
    private static final int SAMPLES = 48;

    @Test
    void aComparisonRunAgainAfterACrashResumesAndEndsLikeTheUninterruptedOne(@TempDir Path folder) throws IOException {
        MethodComparison comparison = MethodComparison.builder()
                .addTask("a", Measure.lowerIsBetter("a_loss"))
                .addTask("b", Measure.lowerIsBetter("b_loss"))
                .setMethods(List.of("rotograd"))
                .setSeeds(List.of(1, 2))
                .build();
        MethodComparison.Result uninterrupted = comparison.run(new SequentialExecutor(new TinyRunner(0, new ArrayList<>())));

        // The third job (rotograd seed 1) crashes at the end of epoch 2: its checkpoints of steps 5 and 10 are
        // written, not the one of step 12 at the epoch's end. Run again, the first two jobs resume at their end and
        // the third from step 10.
        CheckpointFolders folders = new CheckpointFolders(folder.toString(), 5);
        List<Integer> resumedAt = new ArrayList<>();
        IllegalStateException crash = assertThrows(IllegalStateException.class, () -> comparison.run(
                new SequentialExecutor(new TinyRunner(3, resumedAt), folders)));
        assertEquals("crash at the end of epoch 2", crash.getMessage());
        assertEquals(List.of(0, 0, 0), resumedAt);
        resumedAt.clear();
        MethodComparison.Result resumed = comparison.run(new SequentialExecutor(new TinyRunner(0, resumedAt), folders));
        assertEquals(List.of(18, 18, 10, 0, 0, 0), resumedAt);

        assertEquals(uninterrupted.runs().rowNames(), resumed.runs().rowNames());
        for (String run : uninterrupted.runs().rowNames()) {
            for (String column : List.of("a_loss", "b_loss", "delta_a", "delta_b", "avg_delta")) {
                assertEquals(uninterrupted.runs().get(run, column), resumed.runs().get(run, column), run + " " + column);
            }
        }
        uninterrupted.curves().forEach((run, epochs) -> {
            List<EpochSummary> again = resumed.curves().get(run);
            assertEquals(epochs.stream().map(EpochSummary::trainLosses).toList(),
                    again.stream().map(EpochSummary::trainLosses).toList(), run);
            assertEquals(List.of(6, 6, 6), again.stream().map(e -> e.stepSeconds().size()).toList(), run);
        });
        Path crashed = folders.folder(comparison.plan().get(2));
        assertTrue(Files.exists(crashed.resolve("checkpoint-step-000000018.safetensors")), "the resumed job finished");
    }

    @Test
    void aJobsFolderIsNamedAfterItAndKeepsApartFromLookAlikes() {
        CheckpointFolders folders = new CheckpointFolders("/shared/checkpoints", 100);
        Path cagrad = folders.folder(ComparisonJob.method("cagrad:0.4", 3, List.of("a", "b")));
        assertEquals(Path.of("/shared/checkpoints"), cagrad.getParent());
        assertTrue(cagrad.getFileName().toString().matches("cagrad-0\\.4-seed-3-[0-9a-f]{8}"), cagrad.toString());
        Path lookAlike = folders.folder(ComparisonJob.method("cagrad-0.4", 3, List.of("a", "b")));
        assertTrue(!cagrad.equals(lookAlike), "ids that read alike get folders of their own");
        assertThrows(IllegalArgumentException.class, () -> new CheckpointFolders("/shared", 0));
    }

    /**
     * Trains a tiny two-task model (MSE on both tasks) for three epochs and reports its test losses; the job with
     * the given index in its runs throws at the end of epoch 2. Records the step every job resumes from.
     */
    private static final class TinyRunner implements MethodComparison.Runner {
        private final int crashingJob;
        private final List<Integer> resumedAt;
        private int jobs;

        TinyRunner(int crashingJob, List<Integer> resumedAt) {
            this.crashingJob = crashingJob;
            this.resumedAt = resumedAt;
        }

        @Override
        public MethodComparison.Run train(MultiTaskMethod method, int seed, List<String> tasks,
                JobCheckpoints checkpoints) throws IOException {
            boolean crashes = ++jobs == crashingJob;
            MultiTaskModel.Builder model = MultiTaskModel.builder()
                    .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(6).build())
                            .add(Activation.tanhBlock()));
            for (String task : tasks) {
                model.addTask(Task.of(task, Linear.builder().setUnits(1).build(), Losses.meanSquaredError(task)));
            }
            if (method.rotates()) {
                model.optRotation(4, RotationInit.HAAR, seed);
            }
            MultiTaskConfig.Builder config = checkpoints.configure(MultiTaskConfig.builder().optMethod(() -> method)
                    .optEpochs(3).optBatchSize(8).optSeed(seed).optConsoleProgress(false));
            if (crashes) {
                config.addListeners(new TrainingListenerAdapter() {
                    @Override
                    public void onEpoch(Trainer trainer) {
                        if (trainer.getMetrics().latestMetric("epoch").getValue() == 2) {
                            throw new IllegalStateException("crash at the end of epoch 2");
                        }
                    }
                });
            }
            try (MultiTaskTraining training = MultiTaskTraining.builder(model.build()).setInputShapes(new Shape(1, 3))
                    .optConfig(config.build()).build();
                    NDManager manager = NDManager.newBaseManager()) {
                resumedAt.add(checkpoints.resume(training));
                ArrayDataset data = data(manager, tasks);
                training.fit(data, null);
                Map<String, Double> values = training.evaluate(data);
                return new MethodComparison.Run(values, training.history());
            }
        }

        /** Inputs of 3 Gaussians; task a is their sum, task b the first times the second. */
        private static ArrayDataset data(NDManager manager, List<String> tasks) {
            Random random = new Random(5);
            float[] x = new float[SAMPLES * 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            List<ai.djl.ndarray.NDArray> labels = new ArrayList<>();
            for (String task : tasks) {
                float[] y = new float[SAMPLES];
                for (int n = 0; n < SAMPLES; n++) {
                    y[n] = task.equals("a") ? x[3 * n] + x[3 * n + 1] + x[3 * n + 2] : x[3 * n] * x[3 * n + 1];
                }
                labels.add(manager.create(y, new Shape(SAMPLES, 1)));
            }
            return new ArrayDataset.Builder().setData(manager.create(x, new Shape(SAMPLES, 3)))
                    .optLabels(labels.toArray(ai.djl.ndarray.NDArray[]::new)).setSampling(8, true).build();
        }
    }
}
