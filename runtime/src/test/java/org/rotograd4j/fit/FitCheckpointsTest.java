package org.rotograd4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCheckpointsTest {

    @Test
    void fitWritesCheckpointsKeepsTheNewestAndResumesFromTheLatest(@TempDir Path folder) throws Exception {
        CheckpointPolicy policy = CheckpointPolicy.everyEpoch(folder).withEverySteps(5).withKeepLast(3);
        List<EpochSummary> uninterrupted;
        try (MultiTaskTraining training = ResumeScenario.training("rotograd", policy);
                NDManager manager = NDManager.newBaseManager()) {
            List<EpochSummary> epochs = training.fit(ResumeScenario.data(manager), null);
            assertEquals(ResumeScenario.EPOCHS, epochs.size());
            uninterrupted = training.history();
            assertEquals(epochs, uninterrupted, "a run's only fit makes its whole history");
        }
        // Steps 5, 10, ..., 65 and the ends of epochs (13, 26, ..., 65); the newest three are kept.
        assertEquals(List.of(policy.fileFor(55), policy.fileFor(60), policy.fileFor(65)), policy.checkpoints());
        assertEquals(policy.fileFor(65), policy.latest().orElseThrow());

        // Resumed at step 60, batch 8 of epoch 5: the history holds epochs 1-4 as they were, and epoch 5 the
        // times of its first 8 steps before the checkpoint and of the 5 after the resume.
        try (MultiTaskTraining training = ResumeScenario.training("rotograd", null);
                NDManager manager = NDManager.newBaseManager()) {
            training.load(policy.fileFor(60));
            assertEquals(uninterrupted.subList(0, 4), training.history());
            List<EpochSummary> rest = training.fit(ResumeScenario.data(manager), null);
            assertEquals(List.of(5), rest.stream().map(EpochSummary::epoch).toList());
            List<EpochSummary> history = training.history();
            assertEquals(uninterrupted.subList(0, 4), history.subList(0, 4));
            EpochSummary resumed = history.get(4);
            EpochSummary expected = uninterrupted.get(4);
            assertEquals(expected.trainLosses(), resumed.trainLosses(), "the epoch's sums were restored");
            assertEquals(13, resumed.stepSeconds().size());
            assertEquals(expected.stepSeconds().subList(0, 8), resumed.stepSeconds().subList(0, 8));
            assertTrue(resumed.seconds() >= resumed.stepSeconds().stream().mapToDouble(Double::doubleValue).sum(),
                    "the epoch's time counts the steps before the checkpoint: " + resumed);
        }

        // A run killed after step 26 (end of epoch 2) resumes from its newest checkpoint and trains the rest.
        Path partial = folder.resolve("partial");
        CheckpointPolicy everyEpoch = CheckpointPolicy.everyEpoch(partial);
        try (MultiTaskTraining training = ResumeScenario.training("rotograd", everyEpoch);
                NDManager manager = NDManager.newBaseManager()) {
            training.fit(ResumeScenario.data(manager), null);
        }
        for (Path later : List.of(everyEpoch.fileFor(39), everyEpoch.fileFor(52), everyEpoch.fileFor(65))) {
            Files.delete(later);
        }
        try (MultiTaskTraining training = ResumeScenario.training("rotograd", everyEpoch);
                NDManager manager = NDManager.newBaseManager()) {
            training.load(everyEpoch.latest().orElseThrow());
            assertEquals(26, training.trainer().steps());
            List<EpochSummary> rest = training.fit(ResumeScenario.data(manager), null);
            assertEquals(List.of(3, 4, 5), rest.stream().map(EpochSummary::epoch).toList());
            assertEquals(List.of(1, 2, 3, 4, 5), training.history().stream().map(EpochSummary::epoch).toList());
            assertEquals(rest, training.history().subList(2, 5));
            assertEquals(ResumeScenario.STEPS, training.trainer().steps());
            assertTrue(training.fit(ResumeScenario.data(manager), null).isEmpty(), "a finished run trains no more");
        }
    }

    @Test
    void settingsAreChecked(@TempDir Path folder) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> CheckpointPolicy.everySteps(folder, 0));
        assertThrows(IllegalArgumentException.class, () -> CheckpointPolicy.everyEpoch(folder).withKeepLast(-1));
        assertTrue(CheckpointPolicy.everyEpoch(folder.resolve("absent")).latest().isEmpty());
    }
}
