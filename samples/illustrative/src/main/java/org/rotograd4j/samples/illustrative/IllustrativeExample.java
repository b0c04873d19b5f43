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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.Devices;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.LearningRateSchedule;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.report.ResultsTable;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.StepResult;
import org.rotograd4j.train.StepTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The paper's illustrative example (§4, Figure 1): two regression tasks {@code L_k = φ(R_k z, o_k)} on a
 * shared feature {@code z = W2·max(W1·x + b1, 0) + b2} of one 2-D input, with no task parameters. Vanilla
 * training settles between the two optima; RotoGrad rotates each task's view of z until both optima are
 * reached. Trains both from many starts (seeds of the backbone's initial weights) on a convex and a non-convex
 * landscape, prints and writes (CSV and JSON) how often each task reaches its global optimum (see
 * {@link OptimumReach}) and every start's outcome, and draws the trajectories of the first start, whatever its
 * outcome, as {@code illustrative.png}.
 *
 * <p>Usage: {@code IllustrativeExample [--starts N] [output folder] [steps]}; defaults {@value #DEFAULT_STARTS},
 * {@code target/illustrative} and {@value #DEFAULT_STEPS}; {@code --help} says so.
 */
@Command(name = "illustrative", mixinStandardHelpOptions = true,
        description = "Trains the paper's illustrative example (§4, Figure 1) with Vanilla and RotoGrad from many "
                + "starts, reports how often each task reaches its global optimum and draws the first start.")
public final class IllustrativeExample implements Callable<Integer> {

    /** Training steps per run unless given. */
    public static final int DEFAULT_STEPS = 800;

    /** The two tasks' optima: equally far from the origin, so rotations can match them. */
    static final double[][] OPTIMA = {{1.5, 1.5}, {-1.5, -1.5}};

    /** Starts (seeds 0, 1, ...) per landscape and method unless given. */
    public static final int DEFAULT_STARTS = 20;

    private static final float[] INPUT = {0.5f, -0.5f};

    @Parameters(index = "0", defaultValue = "target/illustrative", paramLabel = "FOLDER",
            description = "where to write illustrative.png (default: ${DEFAULT-VALUE})")
    private Path output;

    @Parameters(index = "1", defaultValue = "" + DEFAULT_STEPS, paramLabel = "STEPS",
            description = "training steps per run (default: ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--starts", defaultValue = "" + DEFAULT_STARTS, paramLabel = "N",
            description = "starts per landscape and method: the seeds 0 to N-1 of the backbone's initial weights; "
                    + "the figure shows seed 0 (default: ${DEFAULT-VALUE})")
    private int starts;

    @Spec
    private CommandSpec spec;

    private static final List<String> STARTS_COLUMNS =
            List.of("task1 distance", "task2 distance", "task1 loss gap", "task2 loss gap");

    IllustrativeExample() {}

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
     * @param seed the seed of the backbone's initial weights, which fix the starting point
     * @return the trajectory and final losses
     */
    public static Run train(Landscape landscape, MultiTaskMethod method, int steps, int seed) {
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            Engine.getInstance().setRandomSeed(seed);
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
     * Runs Vanilla and RotoGrad on both landscapes from every start, prints and writes how often each task
     * reached its global optimum, and draws the first start; exits with status 2 on bad arguments.
     *
     * @param args options, then optional output folder and number of steps
     */
    public static void main(String[] args) {
        int status = new CommandLine(new IllustrativeExample()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Trains, reports and draws with the parsed arguments.
     *
     * @return 0
     * @throws IOException if a result file or the figure cannot be written
     * @throws CommandLine.ParameterException if the number of starts or steps is below 1
     */
    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        if (starts < 1) {
            throw new CommandLine.ParameterException(commandLine, "--starts must be at least 1, not " + starts);
        }
        if (steps < 1) {
            throw new CommandLine.ParameterException(commandLine, "STEPS must be at least 1, not " + steps);
        }
        long start = System.nanoTime();
        Map<String, List<Run>> runsByGroup = new LinkedHashMap<>();
        ResultsTable perStart = new ResultsTable("Every start: final distance of each task's point to its global "
                + "minimizer, and final loss above the minimum", STARTS_COLUMNS);
        List<List<TrajectoryFigure.Panel>> rows = new ArrayList<>();
        for (Landscape landscape : Landscape.values()) {
            List<Run> firstStart = new ArrayList<>();
            for (MultiTaskMethod method : List.<MultiTaskMethod>of(new Vanilla(), new RotoGrad())) {
                List<Run> runs = new ArrayList<>();
                for (int seed = 0; seed < starts; seed++) {
                    Run run = train(landscape, method, steps, seed);
                    runs.add(run);
                    perStart.addRow(landscape + "/" + run.method() + "/seed " + seed, Map.of(
                            "task1 distance", OptimumReach.finalDistance(run, 0),
                            "task2 distance", OptimumReach.finalDistance(run, 1),
                            "task1 loss gap", run.finalLosses()[0] - landscape.minimum(),
                            "task2 loss gap", run.finalLosses()[1] - landscape.minimum()));
                }
                firstStart.add(runs.get(0));
                runsByGroup.put(landscape + "/" + method.name(), runs);
            }
            rows.add(panels(landscape, firstStart.get(0), firstStart.get(1)));
        }
        ResultsTable rates = OptimumReach.rates("Share of " + starts + " starts (seeds 0-" + (starts - 1)
                + ") whose task ends within " + OptimumReach.RADIUS + " of its global minimizer after " + steps
                + " steps", runsByGroup);
        System.out.print(rates.render());
        ResultFiles.writeCsv(rates, output.resolve("illustrative-success.csv"));
        ResultFiles.writeJson(rates, output.resolve("illustrative-success.json"));
        ResultFiles.writeCsv(perStart, output.resolve("illustrative-starts.csv"));
        ResultFiles.writeJson(perStart, output.resolve("illustrative-starts.json"));
        Path png = output.resolve("illustrative.png");
        TrajectoryFigure.write("RotoGrad's illustrative example (paper §4, Figure 1), seed 0", rows, png);
        System.out.printf("wrote %s and the result files in %.1f s%n", png.toAbsolutePath(),
                (System.nanoTime() - start) / 1e9);
        return 0;
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
