package org.rotograd4j.samples.illustrative;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.Devices;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.StepResult;
import org.rotograd4j.train.StepTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The paper's illustrative example (§4, Figure 1): two regression tasks {@code L_k = φ(R_k z, o_k)} on a
 * shared feature {@code z = W2·max(W1·x + b1, 0) + b2} of one 2-D input, with no task parameters. Vanilla
 * training settles between the two optima; RotoGrad rotates each task's view of z until both optima are
 * reached. Trains both from the same start on a convex and a non-convex landscape, prints the final
 * losses and writes the trajectories as {@code illustrative.png}.
 *
 * <p>Usage: {@code IllustrativeExample [output folder] [steps]}; defaults {@code target/illustrative}
 * and {@value #DEFAULT_STEPS}; {@code --help} says so.
 */
@Command(name = "illustrative", mixinStandardHelpOptions = true,
        description = "Trains the paper's illustrative example (§4, Figure 1) with Vanilla and RotoGrad and draws "
                + "the trajectories.")
public final class IllustrativeExample implements Callable<Integer> {

    /** Training steps per run unless given. */
    public static final int DEFAULT_STEPS = 800;

    /** The two tasks' optima: equally far from the origin, so rotations can match them. */
    static final double[][] OPTIMA = {{1.5, 1.5}, {-1.5, -1.5}};

    /** The seed of the backbone's initial weights, which fix the common starting point. */
    private static final int SEED = 3;
    private static final float[] INPUT = {0.5f, -0.5f};

    @Parameters(index = "0", defaultValue = "target/illustrative", paramLabel = "FOLDER",
            description = "where to write illustrative.png (default: ${DEFAULT-VALUE})")
    private Path output;

    @Parameters(index = "1", defaultValue = "" + DEFAULT_STEPS, paramLabel = "STEPS",
            description = "training steps per run (default: ${DEFAULT-VALUE})")
    private int steps;

    private IllustrativeExample() {}

    /**
     * The trajectory of one training run.
     *
     * @param method the method's name
     * @param z the shared feature at every step, {@code [steps][2]}
     * @param r each task's rotated feature at every step, {@code [task][steps][2]}
     * @param finalLosses the task losses after the last step
     */
    public record Run(String method, double[][] z, double[][][] r, double[] finalLosses) {}

    /**
     * Trains the example.
     *
     * @param landscape the test function
     * @param method the training method
     * @param steps the number of steps
     * @return the trajectory and final losses
     */
    public static Run train(Landscape landscape, MultiTaskMethod method, int steps) {
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            Engine.getInstance().setRandomSeed(SEED);
            MultiTaskModel model = IllustrativeModelMultiTask.block(new IllustrativeModel(landscape));
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            List<NDList> labels = new ArrayList<>();
            for (double[] optimum : OPTIMA) {
                labels.add(new NDList(manager.create(optimum).toType(DataType.FLOAT32, false).reshape(1, 2)));
            }
            BatchTrainer trainer = new BatchTrainer(model, MultiTaskConfig.builder()
                    .optMethod(() -> method)
                    .optNetworkLearningRate(0.01)
                    .optRotationLearningRate(LearningRateSchedule.exponentialDecay(0.05, 0.999))
                    .build());
            NDList input = new NDList(manager.create(INPUT).reshape(1, 2));
            int tasks = OPTIMA.length;
            double[][] z = new double[steps + 1][];
            double[][][] r = new double[tasks][steps + 1][];
            StepResult result = null;
            for (int t = 0; t <= steps; t++) {
                StepTrace trace = new StepTrace();
                result = trainer.step(input, labels, trace);
                z[t] = trace.get("z");
                for (int k = 0; k < tasks; k++) {
                    r[k][t] = rotate(trace.get("rotation/" + k), z[t]);
                }
            }
            return new Run(method.name(), z, r, result.losses());
        }
    }

    private static double[] rotate(double[] rotation, double[] z) {
        return new double[] {rotation[0] * z[0] + rotation[1] * z[1], rotation[2] * z[0] + rotation[3] * z[1]};
    }

    /**
     * Runs Vanilla and RotoGrad on both landscapes, prints the final losses and writes the figure; exits with
     * status 2 on bad arguments.
     *
     * @param args optional output folder and number of steps
     */
    public static void main(String[] args) {
        int status = new CommandLine(new IllustrativeExample()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Trains and draws with the parsed arguments.
     *
     * @return 0
     * @throws IOException if the figure cannot be written
     */
    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        List<List<TrajectoryFigure.Panel>> rows = new ArrayList<>();
        System.out.printf("%-11s %-9s %12s %12s %13s%n", "landscape", "method", "L1 - min", "L2 - min", "both reached");
        for (Landscape landscape : Landscape.values()) {
            Run vanilla = train(landscape, new Vanilla(), steps);
            Run rotoGrad = train(landscape, new RotoGrad(), steps);
            for (Run run : List.of(vanilla, rotoGrad)) {
                double gap1 = run.finalLosses()[0] - landscape.minimum();
                double gap2 = run.finalLosses()[1] - landscape.minimum();
                System.out.printf("%-11s %-9s %12.5f %12.5f %13s%n", landscape, run.method(), gap1, gap2,
                        reachedBothOptima(run, landscape) ? "yes" : "no");
            }
            rows.add(panels(landscape, vanilla, rotoGrad));
        }
        Path png = output.resolve("illustrative.png");
        TrajectoryFigure.write("RotoGrad's illustrative example (paper §4, Figure 1)", rows, png);
        System.out.printf("wrote %s in %.1f s%n", png.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** Whether both task losses ended near their global minimum (see {@link Landscape#tolerance()}). */
    public static boolean reachedBothOptima(Run run, Landscape landscape) {
        return run.finalLosses()[0] - landscape.minimum() < landscape.tolerance()
                && run.finalLosses()[1] - landscape.minimum() < landscape.tolerance();
    }

    private static List<TrajectoryFigure.Panel> panels(Landscape landscape, Run vanilla, Run rotoGrad) {
        Color vanillaColor = new Color(0xD62728);
        Color rotoGradColor = new Color(0x1F77B4);
        List<TrajectoryFigure.Panel> panels = new ArrayList<>();
        panels.add(new TrajectoryFigure.Panel(landscape + ": z space, L1 + L2",
                (x, y) -> landscape.at(x, y, OPTIMA[0]) + landscape.at(x, y, OPTIMA[1]),
                OPTIMA,
                List.of(trajectory("Vanilla z", vanillaColor, vanilla.z()),
                        trajectory("RotoGrad z", rotoGradColor, rotoGrad.z())),
                -3, 3, -3, 3));
        for (int k = 0; k < OPTIMA.length; k++) {
            double[] optimum = OPTIMA[k];
            panels.add(new TrajectoryFigure.Panel(landscape + ": r" + (k + 1) + " space, L" + (k + 1),
                    (x, y) -> landscape.at(x, y, optimum),
                    new double[][] {optimum},
                    List.of(trajectory("Vanilla r" + (k + 1), vanillaColor, vanilla.r()[k]),
                            trajectory("RotoGrad r" + (k + 1), rotoGradColor, rotoGrad.r()[k])),
                    -3, 3, -3, 3));
        }
        return panels;
    }

    private static TrajectoryFigure.Trajectory trajectory(String label, Color color, double[][] points) {
        double[] xs = new double[points.length];
        double[] ys = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            xs[i] = points[i][0];
            ys[i] = points[i][1];
        }
        return new TrajectoryFigure.Trajectory(label, color, xs, ys);
    }
}
