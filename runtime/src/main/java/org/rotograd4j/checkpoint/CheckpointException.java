package org.rotograd4j.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be read or does not fit the training it is loaded into. The message starts
 * with the file's name and says what is wrong; nothing was changed by the failed operation.
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The checkpoint at fault. */
    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the checkpoint file
     * @param problem what is wrong with it
     */
    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the checkpoint file
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /**
     * Returns the checkpoint file at fault.
     *
     * @return the file, as given when the exception was created
     */
    public Path file() {
        return file;
    }
}
