package org.rotograd4j.samples.multimnist;

import java.io.IOException;
import java.util.List;
import org.rotograd4j.compare.MethodComparison;
import org.rotograd4j.compare.RunnerFactory;

/**
 * Makes MultiMNIST runners from the sample's command line, wherever a comparison's jobs train: the options are
 * parsed again there, with the sample's defaults, and the IDX files read from {@code --data}, a folder every
 * process must reach at that path (a shared file system, or a copy at the same path on every machine).
 *
 * @param args the sample's command line
 * @serial exclude
 */
public record MultiMnistRunners(List<String> args) implements RunnerFactory {

    /**
     * Copies the command line.
     *
     * @param args the sample's command line
     */
    public MultiMnistRunners {
        args = List.copyOf(args);
    }

    /**
     * Parses the command line and reads the data.
     *
     * @return a runner of the options' trainings
     * @throws IOException if the IDX files are missing or cannot be read
     */
    @Override
    public MethodComparison.Runner create() throws IOException {
        return MultiMnistSample.parse(args).runner();
    }
}
