package org.rotograd4j.compare;

import java.io.IOException;
import java.io.Serializable;

/**
 * Makes a comparison's {@link MethodComparison.Runner} where the jobs run: serializable, so that it travels to
 * other processes, and holding only what it needs to make the runner there (its settings, the path of the data
 * on a file system every process shares), never the runner or the data themselves.
 */
@FunctionalInterface
public interface RunnerFactory extends Serializable {

    /**
     * Makes a runner, reading what it needs.
     *
     * @return the runner
     * @throws IOException if the data cannot be read
     */
    MethodComparison.Runner create() throws IOException;
}
