package org.rotograd4j.compare;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.rotograd4j.method.Methods;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.Vanilla;

/**
 * One training of a comparison's {@link MethodComparison#plan() plan}: a method on every task, or a single-task
 * baseline (Vanilla on one task), from one seed. Serializable, so that the plan can travel to where the jobs run.
 *
 * @param methodId the method's id, as {@link Methods#parse} reads it ({@code vanilla} for a baseline)
 * @param seed the seed of the initial weights
 * @param tasks the tasks to train: all of the comparison's, or the baseline's one
 * @param singleTaskBaseline whether the job is a single-task baseline
 * @serial exclude
 */
public record ComparisonJob(String methodId, int seed, List<String> tasks, boolean singleTaskBaseline)
        implements Serializable {

    /**
     * Checks and copies the components.
     *
     * @param methodId the method's id
     * @param seed the seed of the initial weights
     * @param tasks the tasks to train; not empty, exactly one for a baseline
     * @param singleTaskBaseline whether the job is a single-task baseline
     * @throws IllegalArgumentException when there are no tasks, or a baseline has more than one
     */
    public ComparisonJob {
        Objects.requireNonNull(methodId, "method id");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty() || singleTaskBaseline && tasks.size() != 1) {
            throw new IllegalArgumentException("a " + (singleTaskBaseline ? "single-task baseline trains one task"
                    : "job trains at least one task") + ", got " + tasks);
        }
    }

    /**
     * Returns the job of a method on the comparison's tasks.
     *
     * @param methodId the method's id
     * @param seed the seed of the initial weights
     * @param tasks all of the comparison's tasks
     * @return the job
     */
    public static ComparisonJob method(String methodId, int seed, List<String> tasks) {
        return new ComparisonJob(methodId, seed, tasks, false);
    }

    /**
     * Returns the job of a single-task baseline: Vanilla trained on one task.
     *
     * @param task the task
     * @param seed the seed of the initial weights
     * @return the job
     */
    public static ComparisonJob singleTask(String task, int seed) {
        return new ComparisonJob(new Vanilla().id(), seed, List.of(task), true);
    }

    /**
     * Returns the method to train, made anew.
     *
     * @return {@link Methods#parse} of {@link #methodId}
     */
    public MultiTaskMethod method() {
        return Methods.parse(methodId);
    }

    /**
     * Returns the job's name, as the comparison's curves name its run.
     *
     * @return {@code single <task> seed <seed>} for a baseline, else {@code <method id> seed <seed>}
     */
    public String name() {
        return (singleTaskBaseline ? "single " + tasks.get(0) : methodId) + " seed " + seed;
    }

    /**
     * Returns a name for the job's own folder (of checkpoints, say) that every file system accepts: the {@link
     * #name()} with everything but letters, digits, dots and hyphens turned into hyphens, then the first eight hex
     * digits of the name's SHA-256, so that names which read alike keep apart.
     *
     * @return such as {@code cagrad-0.4-seed-1-1b2c3d4e}
     */
    public String folderName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name().getBytes(StandardCharsets.UTF_8));
            return name().replaceAll("[^A-Za-z0-9.-]", "-") + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
