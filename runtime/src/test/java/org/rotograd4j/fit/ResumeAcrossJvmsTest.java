package org.rotograd4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.checkpoint.CheckpointFile;
import org.rotograd4j.checkpoint.CheckpointFile.StoredTensor;

/**
 * Train, checkpoint mid-epoch, load in a new JVM, finish: bitwise the same as the uninterrupted run, for
 * every method, with normalized losses, a burn-in inside the first part, Adam with schedules and the fit's
 * shuffled order.
 */
class ResumeAcrossJvmsTest {

    private static final int CHECKPOINT_STEP = 30;

    @Test
    void aRunResumedInAnotherJvmEndsBitwiseLikeTheUninterruptedRun(@TempDir Path root) throws Exception {
        List<String> methods = ResumeScenario.methods();
        for (String method : methods) {
            Path folder = ResumeScenario.folder(root, method);
            try (MultiTaskTraining training = ResumeScenario.training(method,
                    CheckpointPolicy.everySteps(folder, CHECKPOINT_STEP));
                    NDManager manager = NDManager.newBaseManager()) {
                training.fit(ResumeScenario.data(manager), null);
                assertEquals(ResumeScenario.STEPS, training.trainer().steps(), method);
                training.save(folder.resolve("uninterrupted.safetensors"));
            }
        }
        String checkpoint = CheckpointPolicy.everySteps(root, CHECKPOINT_STEP).fileFor(CHECKPOINT_STEP).getFileName().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", ResumeChild.class.getName(),
                root.toString(), checkpoint));
        command.addAll(methods);
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child JVM did not finish");
        assertEquals(0, child.exitValue(), () -> "the child JVM failed:\n" + read(root.resolve("child.log")));

        for (String method : methods) {
            Path folder = ResumeScenario.folder(root, method);
            CheckpointFile uninterrupted = CheckpointFile.read(folder.resolve("uninterrupted.safetensors"));
            CheckpointFile resumed = CheckpointFile.read(folder.resolve("resumed.safetensors"));
            assertEquals(uninterrupted.tensors().keySet(), resumed.tensors().keySet(), method);
            double largest = 0;
            for (Map.Entry<String, StoredTensor> entry : uninterrupted.tensors().entrySet()) {
                StoredTensor other = resumed.tensors().get(entry.getKey());
                double difference = maxAbsDifference(entry.getValue(), other);
                largest = Math.max(largest, difference);
                assertEquals(entry.getValue().data(), other.data(), () -> method + ": tensor " + entry.getKey()
                        + " differs by up to " + difference);
            }
            System.out.printf("%s: largest difference after resuming %s%n", method, largest);
            for (String section : List.of("trainer", "method_state", "optimizers", "loop")) {
                JsonObject expected = withoutTimes(uninterrupted.state().getAsJsonObject(section));
                assertEquals(expected, withoutTimes(resumed.state().getAsJsonObject(section)), method + ": " + section);
            }
        }
    }

    /** A copy of a state section without the loop's wall-clock times, which differ from run to run. */
    private static JsonObject withoutTimes(JsonObject section) {
        JsonObject copy = section.deepCopy();
        MultiTaskFit.TIMING_ENTRIES.forEach(copy::remove);
        return copy;
    }

    private static double maxAbsDifference(StoredTensor a, StoredTensor b) {
        java.nio.FloatBuffer x = a.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        java.nio.FloatBuffer y = b.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        double largest = 0;
        for (int i = 0; i < Math.min(x.remaining(), y.remaining()); i++) {
            largest = Math.max(largest, Math.abs(x.get(i) - y.get(i)));
        }
        return largest;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
