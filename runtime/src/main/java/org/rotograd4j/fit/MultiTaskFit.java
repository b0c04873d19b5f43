package org.rotograd4j.fit;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.IndexLoss;
import ai.djl.training.loss.SimpleCompositeLoss;
import ai.djl.translate.TranslateException;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.rotograd4j.EngineLock;
import org.rotograd4j.checkpoint.SavedState;
import org.rotograd4j.metric.TaskEvaluator;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.checkpoint.CheckpointPolicy;
import org.rotograd4j.train.BatchTrainer;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.StepResult;
import org.rotograd4j.train.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link MultiTaskModel} for some epochs on a DJL {@link Dataset} and evaluates it.
 *
 * <p>Each batch's labels hold one array per task, in task order. Every epoch records each task's mean
 * training loss and, with validation data, each task's loss and metrics into the DJL {@link Metrics} of a
 * DJL {@link Trainer} that carries the listeners ({@code train_epoch_<task>_loss}, {@code
 * validate_epoch_<task>_<metric>}), and notifies the {@link TrainingListener}s: {@link ConsoleProgress}
 * by default, or any DJL listener: DJL's own ({@code TrainingListener.Defaults.logging()}, evaluator and
 * divergence listeners) receive each batch's labels and predictions, one array per task, and the
 * listeners' trainer holds the tasks' losses as one composite loss. Losses and metrics are averaged over
 * samples, not batches.
 *
 * <p>The fit keeps its position (epoch, batch, the running epoch's sums and step times), the seed of its data
 * order and the {@link #history()} of its completed epochs. {@link #save} writes them into the trainer's
 * checkpoint, {@link #load} restores them, and {@link #fit} then continues from there: over a {@link
 * RandomAccessDataset} with a batch size, a resumed run sees the very batches, in the very order, the
 * interrupted run would have seen, and its history holds the epochs trained before the interruption. Other
 * datasets keep their own order, and a resumed epoch skips as many batches as were already trained. With a
 * {@link CheckpointPolicy}, fit writes checkpoints by itself.
 */
public final class MultiTaskFit {

    /** Prefix of the per-epoch training metrics. */
    public static final String TRAIN_PREFIX = "train_epoch_";
    /** Prefix of the per-epoch validation metrics. */
    public static final String VALIDATE_PREFIX = "validate_epoch_";
    /** The metric holding the 1-based number of the epoch under way (it goes on after a resume). */
    public static final String EPOCH_METRIC = "epoch";

    private static final Logger LOGGER = LoggerFactory.getLogger(MultiTaskFit.class);
    private static final Set<String> LOOP_ENTRIES = Set.of("epochs_done", "batches_done", "epoch_loss_sums",
            "epoch_samples", "epoch_skipped_at_start", "shuffle_seed", "epoch_seconds", "epoch_step_seconds",
            "history_epochs", "history_seconds", "history_train_losses", "history_validation",
            "history_step_seconds");
    /** The loop state's entries that hold wall-clock times, which differ from one run to the next. */
    static final Set<String> TIMING_ENTRIES = Set.of("epoch_seconds", "epoch_step_seconds", "history_seconds",
            "history_step_seconds");
    /** Per epoch of the history: its number, skipped steps, steps and validation values. */
    private static final int HISTORY_EPOCH_FIELDS = 4;

    private final BatchTrainer trainer;
    private final int epochs;
    private final int batchSize;
    private final List<TrainingListener> listeners;
    private final CheckpointPolicy checkpoints;

    private long shuffleSeed;
    private int epochsDone;
    private int batchesDone;
    private double[] epochLossSums;
    private long epochSamples;
    private int epochSkippedAtStart;
    private double epochSeconds;
    private List<Double> epochStepSeconds = new ArrayList<>();
    private final List<EpochSummary> history = new ArrayList<>();

    /**
     * Creates the loop around a trainer; epochs, batch size, seed, listeners and checkpoints come from the
     * trainer's {@link BatchTrainer#config() configuration}.
     *
     * @param trainer the trainer of one batch
     */
    public MultiTaskFit(BatchTrainer trainer) {
        this.trainer = Objects.requireNonNull(trainer, "a fit needs a trainer");
        MultiTaskConfig config = trainer.config();
        this.epochs = config.epochs();
        this.batchSize = config.batchSize();
        List<TrainingListener> all = new ArrayList<>(config.listeners());
        if (config.consoleProgress()) {
            all.add(new ConsoleProgress());
        }
        this.listeners = List.copyOf(all);
        this.checkpoints = config.checkpoints();
        this.shuffleSeed = config.seed() != null ? config.seed() : new SecureRandom().nextLong();
        this.epochLossSums = new double[trainer.model().numTasks()];
        this.epochSkippedAtStart = trainer.skippedSteps();
    }

    /**
     * Returns the batch trainer.
     *
     * @return the trainer, with its step counts
     */
    public BatchTrainer trainer() {
        return trainer;
    }

    /**
     * Returns the number of epochs completed so far (restored by {@link #load}).
     *
     * @return the completed epochs, from 0 to the configured number
     */
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * Returns the number of batches trained in the epoch under way (restored by {@link #load}).
     *
     * @return the batches, skipped steps included; 0 between epochs
     */
    public int batchesDone() {
        return batchesDone;
    }

    /**
     * Returns every epoch completed since the run began: those of earlier {@link #fit} calls, and those of the
     * run that wrote the checkpoint a {@link #load} restored. An epoch resumed from a checkpoint counts the
     * time and steps trained before the checkpoint and after the resume, not the work lost in between.
     *
     * @return the epochs' summaries, first epoch first; unmodifiable
     */
    public List<EpochSummary> history() {
        return List.copyOf(history);
    }

    /**
     * Trains until the configured number of epochs is done, from where the fit stands: the start, or the
     * position a {@link #load} restored. With a {@link CheckpointPolicy}, writes checkpoints on the way.
     *
     * @param train the training data
     * @param validation the validation data, or {@code null} to train without validation
     * @return one summary per epoch completed by this call; empty when the configured epochs were already done
     * @throws IOException if the data cannot be read or a checkpoint cannot be written
     * @throws IllegalArgumentException if the training data gives no batch
     */
    public List<EpochSummary> fit(Dataset train, @Nullable Dataset validation) throws IOException {
        Objects.requireNonNull(train, "training data");
        MultiTaskModel model = trainer.model();
        NDManager manager = parameterManager(model);
        List<EpochSummary> summaries = new ArrayList<>();
        try (Model carrier = Model.newInstance("rotograd", manager.getDevice());
                Trainer listenerTrainer = listenerTrainer(carrier, model)) {
            listenerTrainer.setMetrics(new Metrics());
            while (epochsDone < epochs) {
                int epoch = epochsDone + 1;
                long start = System.nanoTime();
                double secondsBefore = epochSeconds;
                listenerTrainer.getMetrics().addMetric(EPOCH_METRIC, epoch);
                for (Batch batch : trainingBatches(train, manager, epoch)) {
                    try (batch) {
                        long stepStart = System.nanoTime();
                        StepResult result = trainer.step(batch.getData(), splitLabels(batch.getLabels(), model), null,
                                predictions -> listenerTrainer.notifyListeners(l -> l.onTrainingBatch(listenerTrainer,
                                        batchData(batch, predictions))));
                        long stepEnd = System.nanoTime();
                        epochStepSeconds.add((stepEnd - stepStart) / 1e9);
                        epochSeconds = secondsBefore + (stepEnd - start) / 1e9;
                        long size = batch.getSize();
                        if (!result.skipped()) {
                            for (int k = 0; k < epochLossSums.length; k++) {
                                epochLossSums[k] += result.losses()[k] * size;
                            }
                            epochSamples += size;
                        }
                        batchesDone++;
                    }
                    if (checkpoints != null && checkpoints.everySteps() > 0 && trainer.steps() % checkpoints.everySteps() == 0) {
                        writeCheckpoint();
                    }
                }
                if (batchesDone == 0) {
                    throw new IllegalArgumentException("the training data gave no batch in epoch " + epoch
                            + ": the dataset is empty");
                }
                Map<String, Double> trainLosses = new LinkedHashMap<>();
                for (int k = 0; k < epochLossSums.length; k++) {
                    double mean = epochSamples == 0 ? Double.NaN : epochLossSums[k] / epochSamples;
                    trainLosses.put(model.tasks().get(k).name(), mean);
                    listenerTrainer.getMetrics().addMetric(TRAIN_PREFIX + model.tasks().get(k).name() + "_loss", mean);
                }
                long validationStart = System.nanoTime();
                Map<String, Double> validationValues = validation == null ? Map.of()
                        : evaluate(validation, (batch, predictions) -> listenerTrainer.notifyListeners(
                                l -> l.onValidationBatch(listenerTrainer, batchData(batch, predictions))));
                long end = System.nanoTime();
                validationValues.forEach((key, value) -> listenerTrainer.getMetrics().addMetric(VALIDATE_PREFIX + key, value));
                EpochSummary summary = new EpochSummary(epoch, Collections.unmodifiableMap(trainLosses),
                        validationValues, secondsBefore + (end - start) / 1e9,
                        trainer.skippedSteps() - epochSkippedAtStart,
                        validation == null ? 0 : (end - validationStart) / 1e9, List.copyOf(epochStepSeconds));
                summaries.add(summary);
                history.add(summary);
                startNextEpoch();
                listenerTrainer.notifyListeners(l -> l.onEpoch(listenerTrainer));
                if (checkpoints != null && checkpoints.everyEpoch()) {
                    writeCheckpoint();
                }
            }
        }
        return summaries;
    }

    private void startNextEpoch() {
        epochsDone++;
        batchesDone = 0;
        epochLossSums = new double[epochLossSums.length];
        epochSamples = 0;
        epochSkippedAtStart = trainer.skippedSteps();
        epochSeconds = 0;
        epochStepSeconds = new ArrayList<>();
    }

    private void writeCheckpoint() throws IOException {
        Path file = checkpoints.fileFor(trainer.steps());
        long start = System.nanoTime();
        save(file);
        checkpoints.prune();
        LOGGER.info("checkpoint {} written in {} ms (epoch {}, batch {})", file, (System.nanoTime() - start) / 1_000_000,
                epochsDone + 1, batchesDone);
    }

    /**
     * Evaluates the model: every task's mean loss and metrics over the data.
     *
     * @param data the data; each batch's labels hold one array per task, in task order
     * @return values keyed {@code <task>_loss} and {@code <task>_<metric>}, in task order, averaged over
     *     samples; unmodifiable
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException if the data gives no sample
     */
    public Map<String, Double> evaluate(Dataset data) throws IOException {
        return evaluate(data, null);
    }

    /** Evaluates, handing each batch's predictions to {@code listener} when there is one. */
    private Map<String, Double> evaluate(Dataset data, @Nullable BiConsumer<Batch, NDList> listener)
            throws IOException {
        MultiTaskModel model = trainer.model();
        NDManager manager = parameterManager(model);
        List<Evaluator> evaluators = evaluators(model);
        String key = "evaluate";
        evaluators.forEach(e -> e.addAccumulator(key));
        ParameterStore parameterStore = new ParameterStore(manager, false);
        long samples = 0;
        for (Batch batch : evaluationBatches(data, manager)) {
            try (batch; NDScope scope = new NDScope()) {
                NDList labels = batch.getLabels();
                splitLabels(labels, model);
                EngineLock.run(() -> {
                    NDList predictions = model.forward(parameterStore, batch.getData(), false);
                    for (Evaluator evaluator : evaluators) {
                        evaluator.updateAccumulator(key, labels, predictions);
                    }
                    if (listener != null) {
                        listener.accept(batch, predictions);
                    }
                });
                samples += batch.getSize();
            }
        }
        if (samples == 0) {
            throw new IllegalArgumentException("the evaluation data gave no sample: the dataset is empty");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Evaluator evaluator : evaluators) {
            values.put(evaluator.getName(), (double) evaluator.getAccumulator(key));
        }
        return Collections.unmodifiableMap(values);
    }

    /** One evaluator per task loss and metric, named {@code <task>_loss} and {@code <task>_<metric>}, in task order. */
    private static List<Evaluator> evaluators(MultiTaskModel model) {
        List<Evaluator> evaluators = new ArrayList<>();
        for (int k = 0; k < model.numTasks(); k++) {
            Task task = model.tasks().get(k);
            evaluators.add(new TaskEvaluator(task.name() + "_loss", k, task.loss()));
            for (Evaluator metric : task.metrics()) {
                evaluators.add(new TaskEvaluator(task.name() + "_" + metric.getName(), k, metric));
            }
        }
        return evaluators;
    }

    /**
     * Saves the whole training state with the fit's position, atomically (see {@link BatchTrainer#save}).
     *
     * @param file where to write; a file there is replaced only once the new one is complete
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        trainer.save(file, loopState());
    }

    /**
     * Restores a state saved by {@link #save} (or by {@link BatchTrainer#save}, which starts the fit from
     * its first epoch). Everything is checked before anything changes; see {@link BatchTrainer#load}.
     *
     * @param file the checkpoint
     * @throws IOException if it cannot be read or does not fit this training
     */
    public void load(Path file) throws IOException {
        trainer.load(file, this::prepareLoopRestore);
    }

    private SavedState loopState() {
        List<String> tasks = trainer.model().taskNames();
        double[] epochs = new double[history.size() * HISTORY_EPOCH_FIELDS];
        double[] seconds = new double[history.size() * 2];
        double[] trainLosses = new double[history.size() * tasks.size()];
        List<Double> validation = new ArrayList<>();
        List<Double> stepSeconds = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            EpochSummary summary = history.get(i);
            epochs[HISTORY_EPOCH_FIELDS * i] = summary.epoch();
            epochs[HISTORY_EPOCH_FIELDS * i + 1] = summary.skippedSteps();
            epochs[HISTORY_EPOCH_FIELDS * i + 2] = summary.stepSeconds().size();
            epochs[HISTORY_EPOCH_FIELDS * i + 3] = summary.validation().size();
            seconds[2 * i] = summary.seconds();
            seconds[2 * i + 1] = summary.validationSeconds();
            for (int k = 0; k < tasks.size(); k++) {
                trainLosses[tasks.size() * i + k] = summary.trainLosses().get(tasks.get(k));
            }
            validation.addAll(summary.validation().values());
            stepSeconds.addAll(summary.stepSeconds());
        }
        return SavedState.builder()
                .put("epochs_done", epochsDone)
                .put("batches_done", batchesDone)
                .put("epoch_loss_sums", epochLossSums)
                .put("epoch_samples", epochSamples)
                .put("epoch_skipped_at_start", epochSkippedAtStart)
                // A long does not fit a double exactly: its two 32-bit halves do.
                .put("shuffle_seed", shuffleSeed >>> 32, shuffleSeed & 0xFFFFFFFFL)
                .put("epoch_seconds", epochSeconds)
                .put("epoch_step_seconds", toArray(epochStepSeconds))
                .put("history_epochs", epochs)
                .put("history_seconds", seconds)
                .put("history_train_losses", trainLosses)
                .put("history_validation", toArray(validation))
                .put("history_step_seconds", toArray(stepSeconds))
                .build();
    }

    private Runnable prepareLoopRestore(SavedState state) {
        if (state.isEmpty()) {
            int skipped = trainer.skippedSteps();
            return () -> {
                epochsDone = 0;
                batchesDone = 0;
                epochLossSums = new double[epochLossSums.length];
                epochSamples = 0;
                epochSkippedAtStart = skipped;
                epochSeconds = 0;
                epochStepSeconds = new ArrayList<>();
                history.clear();
            };
        }
        state.requireOnly(LOOP_ENTRIES);
        int savedEpochs = state.count("epochs_done");
        int savedBatches = state.count("batches_done");
        double[] sums = state.doubles("epoch_loss_sums", epochLossSums.length);
        long samples = state.count("epoch_samples");
        int skippedAtStart = state.count("epoch_skipped_at_start");
        double[] seed = state.doubles("shuffle_seed", 2);
        long savedSeed = ((long) seed[0] << 32) | (long) seed[1];
        // Checkpoints written before the fit kept its times and history have neither: the resumed run reports
        // the epochs and times from the resume on.
        boolean timed = state.has("history_epochs");
        double seconds = timed ? state.number("epoch_seconds") : 0;
        List<Double> stepSeconds = timed ? toList(state.doubles("epoch_step_seconds", savedBatches)) : List.of();
        List<EpochSummary> savedHistory = timed ? savedHistory(state) : List.of();
        return () -> {
            epochsDone = savedEpochs;
            batchesDone = savedBatches;
            epochLossSums = sums;
            epochSamples = samples;
            epochSkippedAtStart = skippedAtStart;
            shuffleSeed = savedSeed;
            epochSeconds = seconds;
            epochStepSeconds = new ArrayList<>(stepSeconds);
            history.clear();
            history.addAll(savedHistory);
        };
    }

    /** Reads the completed epochs that {@link #loopState} wrote, checking every entry's length. */
    private List<EpochSummary> savedHistory(SavedState state) {
        double[] epochs = state.asMap().get("history_epochs");
        if (epochs.length % HISTORY_EPOCH_FIELDS != 0) {
            throw new IllegalArgumentException("the saved entry 'history_epochs' has " + epochs.length
                    + " values, not " + HISTORY_EPOCH_FIELDS + " per epoch");
        }
        int count = epochs.length / HISTORY_EPOCH_FIELDS;
        List<String> tasks = trainer.model().taskNames();
        List<String> validationNames = evaluators(trainer.model()).stream().map(Evaluator::getName).toList();
        double[] seconds = state.doubles("history_seconds", 2 * count);
        double[] trainLosses = state.doubles("history_train_losses", tasks.size() * count);
        int validationValues = 0;
        int steps = 0;
        for (int i = 0; i < count; i++) {
            int values = wholeNumber(epochs[HISTORY_EPOCH_FIELDS * i + 3], "history_epochs");
            if (values != 0 && values != validationNames.size()) {
                throw new IllegalArgumentException("the saved epoch " + epochs[HISTORY_EPOCH_FIELDS * i] + " has "
                        + values + " validation values, but this model's are " + validationNames);
            }
            validationValues += values;
            steps += wholeNumber(epochs[HISTORY_EPOCH_FIELDS * i + 2], "history_epochs");
        }
        double[] validation = state.doubles("history_validation", validationValues);
        double[] stepSeconds = state.doubles("history_step_seconds", steps);
        List<EpochSummary> summaries = new ArrayList<>(count);
        int validationAt = 0;
        int stepAt = 0;
        for (int i = 0; i < count; i++) {
            Map<String, Double> losses = new LinkedHashMap<>();
            for (int k = 0; k < tasks.size(); k++) {
                losses.put(tasks.get(k), trainLosses[tasks.size() * i + k]);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            int validationCount = (int) epochs[HISTORY_EPOCH_FIELDS * i + 3];
            for (int v = 0; v < validationCount; v++) {
                values.put(validationNames.get(v), validation[validationAt++]);
            }
            int stepCount = (int) epochs[HISTORY_EPOCH_FIELDS * i + 2];
            summaries.add(new EpochSummary(wholeNumber(epochs[HISTORY_EPOCH_FIELDS * i], "history_epochs"),
                    Collections.unmodifiableMap(losses), Collections.unmodifiableMap(values), seconds[2 * i],
                    wholeNumber(epochs[HISTORY_EPOCH_FIELDS * i + 1], "history_epochs"), seconds[2 * i + 1],
                    toList(Arrays.copyOfRange(stepSeconds, stepAt, stepAt + stepCount))));
            stepAt += stepCount;
        }
        return summaries;
    }

    private static int wholeNumber(double value, String entry) {
        if (!(value >= 0 && value <= Integer.MAX_VALUE && value == Math.rint(value))) {
            throw new IllegalArgumentException("the saved entry '" + entry + "' holds " + value
                    + " where a whole number >= 0 belongs");
        }
        return (int) value;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> toList(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** The epoch's remaining batches: the seeded order over random-access data, else the dataset's own. */
    private Iterable<Batch> trainingBatches(Dataset dataset, NDManager manager, int epoch) throws IOException {
        if (dataset instanceof RandomAccessDataset randomAccess && batchSize > 0) {
            return read(() -> randomAccess.getData(manager, new EpochOrder(shuffleSeed, epoch, batchSize, batchesDone,
                    true)));
        }
        Iterable<Batch> all = read(() -> dataset.getData(manager));
        int skip = batchesDone;
        return () -> {
            Iterator<Batch> batches = all.iterator();
            for (int i = 0; i < skip && batches.hasNext(); i++) {
                batches.next().close();
            }
            return batches;
        };
    }

    private Iterable<Batch> evaluationBatches(Dataset dataset, NDManager manager) throws IOException {
        if (dataset instanceof RandomAccessDataset randomAccess && batchSize > 0) {
            return read(() -> randomAccess.getData(manager, new EpochOrder(0, 1, batchSize, 0, false)));
        }
        return read(() -> dataset.getData(manager));
    }

    /** Opens a dataset's batches; DJL's readers throw both checked exceptions. */
    @FunctionalInterface
    private interface BatchSource {
        Iterable<Batch> open() throws IOException, TranslateException;
    }

    private static Iterable<Batch> read(BatchSource source) throws IOException {
        try {
            return source.open();
        } catch (TranslateException e) {
            throw new IOException("cannot read the dataset: " + e.getMessage(), e);
        }
    }

    /** What DJL's listeners receive about a batch: its labels and predictions, one array per task. */
    private static TrainingListener.BatchData batchData(Batch batch, NDList predictions) {
        ai.djl.Device device = batch.getLabels().head().getDevice();
        return new TrainingListener.BatchData(batch, Map.of(device, batch.getLabels()), Map.of(device, predictions));
    }

    private static List<NDList> splitLabels(NDList labels, MultiTaskModel model) {
        if (labels.size() != model.numTasks()) {
            throw new IllegalArgumentException("a batch has " + labels.size() + " label arrays, but the model has "
                    + model.numTasks() + " tasks " + model.taskNames() + ": give one label array per task, in task order");
        }
        List<NDList> split = new ArrayList<>(labels.size());
        for (NDArray label : labels) {
            split.add(new NDList(label));
        }
        return split;
    }

    private Trainer listenerTrainer(Model carrier, MultiTaskModel model) {
        carrier.setBlock(model);
        SimpleCompositeLoss loss = new SimpleCompositeLoss("loss");
        for (int k = 0; k < model.numTasks(); k++) {
            loss.addLoss(new IndexLoss(model.tasks().get(k).loss(), k));
        }
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss);
        listeners.forEach(config::addTrainingListeners);
        return new Trainer(carrier, config);
    }

    private static NDManager parameterManager(MultiTaskModel model) {
        return model.getParameters().valueAt(0).getArray().getManager();
    }
}
