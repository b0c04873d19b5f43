package org.rotograd4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.checkpoint.CheckpointFile;

/**
 * A child JVM saving a 48 MB checkpoint over and over is killed (SIGKILL, by pid) at several points of a
 * save; the checkpoint file it leaves is always a complete one, which loads.
 */
class KillDuringSaveTest {

    private static final int KILLS = 4;

    @Test
    void aKillDuringASaveLeavesTheLastCompleteCheckpoint(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("big.safetensors");
        int killedMidSave = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", SaveLoop.class.getName(),
                    file.toString()).redirectErrorStream(true).start();
            int lastSaved = -1;
            boolean inSave = false;
            boolean killed = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                long saveMillis = 0;
                String line;
                // Reads to the end: lines the child wrote while this thread slept still count after the kill.
                while ((line = out.readLine()) != null) {
                    String[] words = line.split(" ");
                    if (words[0].equals("saved")) {
                        lastSaved = Integer.parseInt(words[1]);
                        saveMillis = Long.parseLong(words[2]);
                        inSave = false;
                    } else if (words[0].equals("saving")) {
                        inSave = true;
                        if (!killed && lastSaved > 0) {
                            // Kill at a different point of each save: from its start to near its end.
                            Thread.sleep(saveMillis * kill / KILLS);
                            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
                            killed = true;
                        }
                    }
                }
            }
            assertTrue(child.waitFor(1, TimeUnit.MINUTES));
            assertTrue(lastSaved > 0, "the child never completed a save");
            CheckpointFile left = CheckpointFile.read(file);
            int steps = left.state().getAsJsonObject("trainer").getAsJsonArray("steps").get(0).getAsInt();
            // A save the child finished but had no time to report leaves the next step in the file.
            assertTrue(steps == lastSaved || (inSave && steps == lastSaved + 1),
                    "the file holds step " + steps + " after the save of step " + lastSaved);
            if (inSave && steps == lastSaved) {
                killedMidSave++;
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                BatchTrainer trainer = SaveLoop.trainer(manager);
                trainer.load(file);
                assertEquals(steps, trainer.steps());
            }
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> temporary = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
                System.out.printf("kill %d: checkpoint of step %d intact (last completed save: %d), %d temporary file(s) "
                        + "left%n", kill, steps, lastSaved, temporary.size());
            }
        }
        assertTrue(killedMidSave > 0, "no kill landed inside a save");
    }
}
