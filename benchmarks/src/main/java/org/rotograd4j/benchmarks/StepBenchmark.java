package org.rotograd4j.benchmarks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rotograd4j.Devices;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times training steps of Vanilla and RotoGrad, with every rotation parametrization (full rotations and blocks
 * of 64), on the {@link Workload}s: the median, fastest and slowest step after some warm-up steps, the ratio
 * to Vanilla measured in the same run, and the live native arrays and used heap before and after the timed
 * steps. Optionally, a long run checks that memory stays flat and rotations stay orthogonal over many steps.
 * Prints a table and writes the figures as JSON. A harness that reports, not a test that passes or fails.
 */
@Command(name = "step-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times training steps of Vanilla and RotoGrad (every rotation parametrization) per workload.")
public final class StepBenchmark implements Callable<Integer> {

    /** The size of the blocks in the block-diagonal variants. */
    static final int BLOCK_SIZE = 64;
    /** Full exponential rotations larger than this take minutes per step on a CPU; skipped unless asked. */
    private static final int LARGEST_FAST_EXPONENTIAL = 1024;
    /** The long run's problem: a one-layer backbone on 16 inputs, batch 8, two tasks. */
    private static final int LONG_RUN_INPUTS = 16;
    private static final int LONG_RUN_BATCH = 8;
    private static final int LONG_RUN_TASKS = 2;
    private static final int LONG_RUN_SMALL_SIZE = 128;
    private static final int LONG_RUN_LARGE_SIZE = 1024;

    @Option(names = "--workloads", split = ",", paramLabel = "WORKLOAD",
            defaultValue = "conv,mlp-256,mlp-1024,resnet",
            description = "Workloads to time: conv, mlp-256, mlp-1024, resnet (default: ${DEFAULT-VALUE}).")
    private List<Workload> workloads;

    @Option(names = "--warm-up", paramLabel = "STEPS",
            description = "Steps before timing starts (default: per workload, 1 to 5).")
    private Integer warmUpSteps;

    @Option(names = "--steps", paramLabel = "STEPS", description = "Steps timed (default: per workload, 3 to 20).")
    private Integer measuredSteps;

    @Option(names = "--include-slow",
            description = "Also time full exponential rotations larger than 1024 (minutes per step on a CPU).")
    private boolean includeSlow;

    @Option(names = "--long-run-steps", paramLabel = "STEPS", defaultValue = "0",
            description = "Then train this many steps per parametrization (m = 128, full and blocks of 64; trivialized at "
                    + "m = 1024) and report live arrays and max|RᵀR − I| (default: ${DEFAULT-VALUE}, none).")
    private int longRunSteps;

    @Option(names = "--devices", split = ",", paramLabel = "DEVICE",
            description = "Split each batch over these devices, one shard each (data parallel), for example gpu0,gpu1; "
                    + "cpu,cpu runs two shards on the CPU, to measure the cost of sharding (default: the whole batch on "
                    + "the preferred device).")
    private List<Device> deviceList = List.of();

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "target/step-benchmark.json",
            description = "Where to write the figures as JSON (default: ${DEFAULT-VALUE}).")
    private Path output;

    private Device[] devices;

    /**
     * One timed configuration.
     *
     * @param workload the workload's id
     * @param variant the method and rotations, such as {@code trivialized/64}
     * @param rotationSize m, 0 for Vanilla
     * @param blocks the blocks of each rotation, 0 for Vanilla
     * @param setUpMs building and initializing the model (Haar bases included)
     * @param medianMs the median step
     * @param minMs the fastest step
     * @param maxMs the slowest step
     * @param ratioToVanilla the median over Vanilla's median in the same run
     * @param arraysBefore live native arrays after the warm-up steps
     * @param arraysAfter live native arrays after the timed steps
     * @param heapBeforeMb used Java heap (MB) after the warm-up steps
     * @param heapAfterMb used Java heap (MB) after the timed steps
     */
    record StepTimes(String workload, String variant, int rotationSize, int blocks, double setUpMs, double medianMs,
            double minMs, double maxMs, double ratioToVanilla, int arraysBefore, int arraysAfter, long heapBeforeMb,
            long heapAfterMb) {}

    /**
     * One long run.
     *
     * @param variant the rotations, such as {@code exponential/16}
     * @param rotationSize m
     * @param steps the steps trained
     * @param arraysBefore live native arrays after the first step
     * @param arraysAfter live native arrays after the last step
     * @param orthogonalityError {@code max |RᵀR − I|} over the tasks' rotations at the end
     * @param minutes the run's wall time
     */
    record LongRun(String variant, int rotationSize, int steps, int arraysBefore, int arraysAfter,
            double orthogonalityError, double minutes) {}

    /** A method with a way of rotating. */
    private record Variant(String name, boolean rotates, RotationParametrization parametrization, int blocks) {}

    /**
     * Runs the benchmark from the command line.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Parses the options, runs, and returns the exit code (2 for bad options, with the message printed). */
    static int execute(String... args) {
        return new CommandLine(new StepBenchmark())
                .registerConverter(Workload.class, Workload::of)
                .registerConverter(Device.class, StepBenchmark::device)
                .execute(args);
    }

    /** Reads a device name, refusing those this machine does not have. */
    private static Device device(String name) {
        Device device = Device.fromName(name);
        int gpus = Engine.getInstance().getGpuCount();
        boolean here = device.isGpu() ? device.getDeviceId() < gpus : Device.Type.CPU.equals(device.getDeviceType());
        if (!here) {
            throw new CommandLine.TypeConversionException("'" + name + "' is not a device of this machine, which has the "
                    + "cpu" + (gpus == 0 ? " and no GPU" : " and gpu0 to gpu" + (gpus - 1)));
        }
        return device;
    }

    @Override
    public Integer call() throws IOException {
        devices = deviceList.toArray(Device[]::new);
        System.out.printf(Locale.ROOT, "device %s, %d cores, Java %s%n", devices.length == 0 ? Devices.preferred()
                : devices.length + " shards on " + Arrays.toString(devices), Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        List<StepTimes> times = new ArrayList<>();
        for (Workload workload : workloads) {
            times.addAll(time(workload));
        }
        List<LongRun> longRuns = new ArrayList<>();
        if (longRunSteps > 0) {
            longRuns.addAll(longRuns());
        }
        write(times, longRuns);
        return 0;
    }

    private List<StepTimes> time(Workload workload) {
        int warmUp = warmUpSteps != null ? warmUpSteps : workload.warmUpSteps();
        int steps = measuredSteps != null ? measuredSteps : workload.measuredSteps();
        System.out.printf(Locale.ROOT, "%n%s: median of %d steps after %d warm-up steps%n", workload.description(),
                steps, warmUp);
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s %13s %13s %9s%n", "variant", "median ms", "min",
                "max", "/Vanilla", "live arrays", "heap MB", "set-up ms");
        List<StepTimes> rows = new ArrayList<>();
        double vanilla = Double.NaN;
        for (Variant variant : variants(workload.rotationSize())) {
            if (variant.rotates() && variant.blocks() == 1 && !includeSlow
                    && variant.parametrization() == RotationParametrization.EXPONENTIAL
                    && workload.rotationSize() > LARGEST_FAST_EXPONENTIAL) {
                System.out.printf(Locale.ROOT, "%-16s skipped: K matrix exponentials of %dx%d per step take minutes "
                        + "on a CPU (--include-slow times them)%n", variant.name(), workload.rotationSize(),
                        workload.rotationSize());
                continue;
            }
            StepTimes row = time(workload, variant, warmUp, steps, vanilla);
            if (!variant.rotates()) {
                vanilla = row.medianMs();
            }
            rows.add(row);
            System.out.printf(Locale.ROOT, "%-16s %9.1f %9.1f %9.1f %9.2f %6d -> %-6d %6d -> %-6d %9.0f%n",
                    row.variant(), row.medianMs(), row.minMs(), row.maxMs(), row.ratioToVanilla(), row.arraysBefore(),
                    row.arraysAfter(), row.heapBeforeMb(), row.heapAfterMb(), row.setUpMs());
        }
        return rows;
    }

    /** Vanilla, then RotoGrad with each parametrization, full and in blocks of {@link #BLOCK_SIZE}. */
    private static List<Variant> variants(int rotationSize) {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("vanilla", false, RotationParametrization.EXPONENTIAL, 1));
        List<Integer> blockCounts = rotationSize > BLOCK_SIZE ? List.of(1, rotationSize / BLOCK_SIZE) : List.of(1);
        for (int blocks : blockCounts) {
            for (RotationParametrization parametrization : RotationParametrization.values()) {
                String name = parametrization.name().toLowerCase(Locale.ROOT) + (blocks == 1 ? "" : "/" + BLOCK_SIZE);
                variants.add(new Variant(name, true, parametrization, blocks));
            }
        }
        return variants;
    }

    private StepTimes time(Workload workload, Variant variant, int warmUp, int steps, double vanilla) {
        try (NDManager manager = NDManager.newBaseManager(devices.length == 0 ? Devices.preferred() : devices[0])) {
            long setUpStart = System.nanoTime();
            MultiTaskModel model = build(workload.model(), variant);
            Engine.getInstance().setRandomSeed(1);
            model.initialize(manager, DataType.FLOAT32, workload.inputShape());
            double setUpMs = (System.nanoTime() - setUpStart) / 1e6;
            BatchTrainer trainer = trainer(model, variant);
            NDList inputs = workload.inputs(manager);
            List<NDList> labels = workload.labels(manager, model.numTasks());
            for (int i = 0; i < warmUp; i++) {
                trainer.step(inputs, labels);
            }
            int arraysBefore = manager.getManagedArrays().size();
            long heapBefore = heapMegabytes();
            double[] times = new double[steps];
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                trainer.step(inputs, labels);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            double median = median(times);
            Arrays.sort(times);
            return new StepTimes(workload.id(), variant.name(), variant.rotates() ? workload.rotationSize() : 0,
                    variant.rotates() ? variant.blocks() : 0, setUpMs, median, times[0], times[steps - 1],
                    variant.rotates() ? median / vanilla : 1, arraysBefore, manager.getManagedArrays().size(),
                    heapBefore, heapMegabytes());
        }
    }

    private static MultiTaskModel build(MultiTaskModel.Builder builder, Variant variant) {
        if (!variant.rotates()) {
            return builder.clearRotation().build();
        }
        return builder.optRotationParametrization(variant.parametrization()).optRotationBlocks(variant.blocks()).build();
    }

    private BatchTrainer trainer(MultiTaskModel model, Variant variant) {
        MultiTaskConfig.Builder config = MultiTaskConfig.builder()
                .optMethod(variant.rotates() ? RotoGrad::new : Vanilla::new)
                .optNetworkLearningRate(1e-3).optRotationLearningRate(1e-3).optSeed(1);
        if (devices.length > 0) {
            config.optDevices(devices);
        }
        return new BatchTrainer(model, config.build());
    }

    /** Trains each parametrization for {@link #longRunSteps} and measures memory and orthogonality. */
    private List<LongRun> longRuns() {
        System.out.printf(Locale.ROOT, "%nlong runs: %d steps each, one-layer backbone, batch %d, K=%d%n",
                longRunSteps, LONG_RUN_BATCH, LONG_RUN_TASKS);
        System.out.printf(Locale.ROOT, "%-16s %6s %13s %14s %9s%n", "rotations", "m", "live arrays", "max|RᵀR − I|",
                "minutes");
        List<LongRun> runs = new ArrayList<>();
        for (Variant variant : variants(LONG_RUN_SMALL_SIZE)) {
            if (variant.rotates()) {
                runs.add(longRun(variant, LONG_RUN_SMALL_SIZE));
            }
        }
        runs.add(longRun(new Variant("trivialized", true, RotationParametrization.TRIVIALIZED, 1),
                LONG_RUN_LARGE_SIZE));
        return runs;
    }

    private LongRun longRun(Variant variant, int rotationSize) {
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            Engine.getInstance().setRandomSeed(1);
            MultiTaskModel.Builder builder = MultiTaskModel.builder()
                    .setBackbone(new SequentialBlock().add(Linear.builder().setUnits(rotationSize).build())
                            .add(Activation.tanhBlock()))
                    .optRotation(rotationSize, RotationInit.HAAR, 1);
            List<NDList> labels = new ArrayList<>();
            for (int k = 0; k < LONG_RUN_TASKS; k++) {
                builder.addTask(Task.of("t" + k, Linear.builder().setUnits(1).build(), Losses.meanSquaredError("mse")));
                labels.add(new NDList(manager.randomNormal(new Shape(LONG_RUN_BATCH, 1))));
            }
            MultiTaskModel model = build(builder, variant);
            model.initialize(manager, DataType.FLOAT32, new Shape(LONG_RUN_BATCH, LONG_RUN_INPUTS));
            BatchTrainer trainer = trainer(model, variant);
            NDList inputs = new NDList(manager.randomNormal(new Shape(LONG_RUN_BATCH, LONG_RUN_INPUTS)));
            trainer.step(inputs, labels);
            int arraysBefore = manager.getManagedArrays().size();
            for (int i = 1; i < longRunSteps; i++) {
                trainer.step(inputs, labels);
            }
            int arraysAfter = manager.getManagedArrays().size();
            double error;
            try (NDManager scratch = manager.newSubManager()) {
                NDArray rotations = model.rotations().matrices();
                rotations.attach(scratch);
                error = orthogonalityError(rotations);
            }
            LongRun run = new LongRun(variant.name(), rotationSize, longRunSteps, arraysBefore, arraysAfter, error,
                    (System.nanoTime() - start) / 6e10);
            System.out.printf(Locale.ROOT, "%-16s %6d %6d -> %-6d %14.2e %9.1f%n", run.variant(), run.rotationSize(),
                    run.arraysBefore(), run.arraysAfter(), run.orthogonalityError(), run.minutes());
            return run;
        }
    }

    /** Returns {@code max |RᵀR − I|} over a stack of rotations {@code (K, m, m)}. */
    static double orthogonalityError(NDArray rotations) {
        int m = (int) rotations.getShape().get(1);
        NDArray identity = rotations.getManager().eye(m).toType(rotations.getDataType(), false);
        return rotations.transpose(0, 2, 1).matMul(rotations).sub(identity).abs().max()
                .toType(DataType.FLOAT64, false).getDouble();
    }

    /** Writes the figures as JSON, through a temporary file, so that a failed write leaves no half file. */
    private void write(List<StepTimes> times, List<LongRun> longRuns) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("device", Devices.preferred().toString());
        JsonArray shards = new JsonArray();
        Arrays.stream(devices).forEach(device -> shards.add(device.toString()));
        json.add("shard_devices", shards);
        json.addProperty("cores", Runtime.getRuntime().availableProcessors());
        json.addProperty("java", Runtime.version().toString());
        var gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        json.add("steps", gson.toJsonTree(times));
        json.add("long_runs", gson.toJsonTree(longRuns));
        Path file = output.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, gson.toJson(json));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("\nwrote " + file);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long heapMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }
}
