package org.rotograd4j.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When {@link org.rotograd4j.fit.MultiTaskFit} writes checkpoints, where, and how many it keeps.
 *
 * <p>Files are named {@code checkpoint-step-<steps>.safetensors} after the number of steps applied, and each
 * holds the whole training state with the loop's position (see {@link org.rotograd4j.fit.MultiTaskFit#save}). To resume a run,
 * load the newest one and call {@code fit} again:
 *
 * <pre>{@code
 * CheckpointPolicy checkpoints = CheckpointPolicy.everyEpoch(Path.of("runs/face")).withEverySteps(500).withKeepLast(3);
 * checkpoints.latest().ifPresent(training::load);   // after a crash: continue where the last checkpoint stood
 * training.fit(train, validation);
 * }</pre>
 *
 * @param directory the folder of the checkpoints (created when missing)
 * @param everySteps write a checkpoint whenever the number of applied steps is a multiple of this; 0 for never
 * @param everyEpoch write a checkpoint at the end of every epoch
 * @param keepLast keep only this many of the newest checkpoints in the folder; 0 to keep all
 */
public record CheckpointPolicy(Path directory, int everySteps, boolean everyEpoch, int keepLast) {

    private static final Pattern NAME = Pattern.compile("checkpoint-step-(\\d+)\\.safetensors");

    /**
     * Checks the fields.
     *
     * @param directory the folder of the checkpoints (created when missing)
     * @param everySteps the interval in applied steps; 0 for never
     * @param everyEpoch whether to write a checkpoint at the end of every epoch
     * @param keepLast how many of the newest checkpoints to keep; 0 to keep all
     * @throws IllegalArgumentException when {@code everySteps} or {@code keepLast} is negative
     */
    public CheckpointPolicy {
        Objects.requireNonNull(directory, "checkpoint directory");
        if (everySteps < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, got " + everySteps);
        }
        if (keepLast < 0) {
            throw new IllegalArgumentException("the number of checkpoints to keep must be >= 0, got " + keepLast);
        }
    }

    /**
     * Checkpoints at the end of every epoch, keeping all of them.
     *
     * @param directory the folder of the checkpoints (created when missing)
     * @return the policy
     */
    public static CheckpointPolicy everyEpoch(Path directory) {
        return new CheckpointPolicy(directory, 0, true, 0);
    }

    /**
     * Checkpoints every {@code steps} applied steps, keeping all of them, and not at the end of epochs.
     *
     * @param directory the folder of the checkpoints (created when missing)
     * @param steps the interval in applied steps; positive
     * @return the policy
     * @throws IllegalArgumentException when {@code steps} is not positive
     */
    public static CheckpointPolicy everySteps(Path directory, int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + steps);
        }
        return new CheckpointPolicy(directory, steps, false, 0);
    }

    /**
     * Returns this policy, also checkpointing every {@code steps} applied steps.
     *
     * @param steps the interval in applied steps; 0 for never
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code steps} is negative
     */
    public CheckpointPolicy withEverySteps(int steps) {
        return new CheckpointPolicy(directory, steps, everyEpoch, keepLast);
    }

    /**
     * Returns this policy, keeping only the {@code count} newest checkpoints.
     *
     * @param count how many checkpoints to keep; 0 to keep all
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public CheckpointPolicy withKeepLast(int count) {
        return new CheckpointPolicy(directory, everySteps, everyEpoch, count);
    }

    /**
     * Returns the file of the checkpoint taken after {@code steps} steps.
     *
     * @param steps the number of applied steps
     * @return {@code checkpoint-step-<steps>.safetensors} in {@link #directory}, the steps zero-padded to nine
     *     digits; the file need not exist
     */
    public Path fileFor(int steps) {
        return directory.resolve(String.format("checkpoint-step-%09d.safetensors", steps));
    }

    /**
     * Returns the checkpoints in the folder, oldest first.
     *
     * @return their files; empty when the folder does not exist
     * @throws IOException if the folder cannot be listed
     */
    public List<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort(Comparator.comparingLong(CheckpointPolicy::stepsOf));
        return found;
    }

    /**
     * Returns the newest checkpoint in the folder, to resume from.
     *
     * @return its file, or empty when there is none
     * @throws IOException if the folder cannot be listed
     */
    public Optional<Path> latest() throws IOException {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Deletes the oldest checkpoints in the folder beyond {@link #keepLast}; nothing when it is 0.
     *
     * @throws IOException if the folder cannot be listed or a file cannot be deleted
     */
    public void prune() throws IOException {
        if (keepLast == 0) {
            return;
        }
        List<Path> all = checkpoints();
        for (int i = 0; i < all.size() - keepLast; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static long stepsOf(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
