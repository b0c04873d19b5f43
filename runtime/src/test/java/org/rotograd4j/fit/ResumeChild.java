package org.rotograd4j.fit;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * The second JVM of {@link ResumeAcrossJvmsTest}: for every method given, loads the checkpoint the first JVM
 * wrote mid-run, finishes the run and saves its final state.
 */
public final class ResumeChild {

    private ResumeChild() {}

    /**
     * Runs the resumed halves.
     *
     * @param args the root folder, the checkpoint's file name, then the methods
     * @throws Exception when anything fails (the parent reads the exit status)
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        for (int i = 2; i < args.length; i++) {
            Path folder = ResumeScenario.folder(root, args[i]);
            try (MultiTaskTraining training = ResumeScenario.training(args[i], null);
                    NDManager manager = NDManager.newBaseManager()) {
                training.load(folder.resolve(args[1]));
                training.fit(ResumeScenario.data(manager), null);
                training.save(folder.resolve("resumed.safetensors"));
            }
        }
    }
}
