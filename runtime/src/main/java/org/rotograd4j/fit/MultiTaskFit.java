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
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.IndexLoss;
import ai.djl.training.loss.SimpleCompositeLoss;
import ai.djl.translate.TranslateException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rotograd4j.metric.TaskEvaluator;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.MultiTaskTrainer;
import org.rotograd4j.train.StepResult;
import org.rotograd4j.train.Task;

/**
 * Trains a {@link MultiTaskModel} for some epochs on a DJL {@link Dataset} and evaluates it.
 *
 * <p>Each batch's labels hold one array per task, in task order. Every epoch records each task's mean
 * training loss and, with validation data, each task's loss and metrics into the DJL {@link Metrics} of a
 * DJL {@link Trainer} that carries the listeners ({@code train_epoch_<task>_loss}, {@code
 * validate_epoch_<task>_<metric>}), and notifies the {@link TrainingListener}s: {@link ConsoleProgress}
 * by default, or any DJL listener.
 */
public final class MultiTaskFit {

    /** Prefix of the per-epoch training metrics. */
    public static final String TRAIN_PREFIX = "train_epoch_";
    /** Prefix of the per-epoch validation metrics. */
    public static final String VALIDATE_PREFIX = "validate_epoch_";

    private final MultiTaskTrainer trainer;
    private final int epochs;
    private final int batchSize;
    private final List<TrainingListener> listeners;

    private MultiTaskFit(Builder builder) {
        this.trainer = builder.trainer;
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize;
        this.listeners = List.copyOf(builder.listeners);
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the step trainer. */
    public MultiTaskTrainer trainer() {
        return trainer;
    }

    /**
     * Trains for the configured number of epochs.
     *
     * @param train the training data
     * @param validation the validation data, or {@code null}
     * @return one summary per epoch
     * @throws IOException if the data cannot be read
     */
    public List<EpochSummary> fit(Dataset train, Dataset validation) throws IOException {
        MultiTaskModel model = trainer.model();
        NDManager manager = parameterManager(model);
        List<EpochSummary> summaries = new ArrayList<>();
        try (Model carrier = Model.newInstance("rotograd", manager.getDevice());
                Trainer listenerTrainer = listenerTrainer(carrier, model)) {
            listenerTrainer.setMetrics(new Metrics());
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                int skippedBefore = trainer.skippedSteps();
                double[] sums = new double[model.numTasks()];
                long samples = 0;
                for (Batch batch : batches(train, manager, true)) {
                    try (batch) {
                        StepResult result = trainer.step(batch.getData(), splitLabels(batch.getLabels(), model));
                        long size = batch.getSize();
                        if (!result.skipped()) {
                            for (int k = 0; k < sums.length; k++) {
                                sums[k] += result.losses()[k] * size;
                            }
                            samples += size;
                        }
                        TrainingListener.BatchData data = new TrainingListener.BatchData(
                                batch, Map.of(manager.getDevice(), batch.getLabels()), Map.of());
                        listenerTrainer.notifyListeners(l -> l.onTrainingBatch(listenerTrainer, data));
                    }
                }
                Map<String, Double> trainLosses = new LinkedHashMap<>();
                for (int k = 0; k < sums.length; k++) {
                    double mean = samples == 0 ? Double.NaN : sums[k] / samples;
                    trainLosses.put(model.tasks().get(k).name(), mean);
                    listenerTrainer.getMetrics().addMetric(TRAIN_PREFIX + model.tasks().get(k).name() + "_loss", mean);
                }
                Map<String, Double> validationValues = validation == null ? Map.of() : evaluate(validation);
                validationValues.forEach((key, value) -> listenerTrainer.getMetrics().addMetric(VALIDATE_PREFIX + key, value));
                summaries.add(new EpochSummary(epoch, Collections.unmodifiableMap(trainLosses), validationValues,
                        (System.nanoTime() - start) / 1e9, trainer.skippedSteps() - skippedBefore));
                listenerTrainer.notifyListeners(l -> l.onEpoch(listenerTrainer));
            }
        }
        return summaries;
    }

    /**
     * Evaluates the model: every task's mean loss and metrics over the data.
     *
     * @param data the data
     * @return values keyed {@code <task>_loss} and {@code <task>_<metric>}, in task order
     * @throws IOException if the data cannot be read
     */
    public Map<String, Double> evaluate(Dataset data) throws IOException {
        MultiTaskModel model = trainer.model();
        NDManager manager = parameterManager(model);
        List<Evaluator> evaluators = new ArrayList<>();
        for (int k = 0; k < model.numTasks(); k++) {
            Task task = model.tasks().get(k);
            evaluators.add(new TaskEvaluator(task.name() + "_loss", k, task.loss()));
            for (Evaluator metric : task.metrics()) {
                evaluators.add(new TaskEvaluator(task.name() + "_" + metric.getName(), k, metric));
            }
        }
        String key = "evaluate";
        evaluators.forEach(e -> e.addAccumulator(key));
        ParameterStore parameterStore = new ParameterStore(manager, false);
        for (Batch batch : batches(data, manager, false)) {
            try (batch; NDScope scope = new NDScope()) {
                NDList labels = batch.getLabels();
                splitLabels(labels, model);
                NDList predictions = model.forward(parameterStore, batch.getData(), false);
                for (Evaluator evaluator : evaluators) {
                    evaluator.updateAccumulator(key, labels, predictions);
                }
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Evaluator evaluator : evaluators) {
            values.put(evaluator.getName(), (double) evaluator.getAccumulator(key));
        }
        return Collections.unmodifiableMap(values);
    }

    /** Saves the model's parameters, rotations included, to a file. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out)) {
            trainer.model().saveParameters(data);
        }
    }

    /** Loads parameters saved by {@link #save} into the model. */
    public void load(Path file) throws IOException {
        MultiTaskModel model = trainer.model();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            model.loadParameters(parameterManager(model), data);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("not parameters of this model: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private Iterable<Batch> batches(Dataset dataset, NDManager manager, boolean shuffle) throws IOException {
        try {
            if (dataset instanceof RandomAccessDataset randomAccess && batchSize > 0) {
                return randomAccess.getData(manager, new BatchSampler(
                        shuffle ? new RandomSampler() : new SequenceSampler(), batchSize, false));
            }
            return dataset.getData(manager);
        } catch (TranslateException e) {
            throw new IOException("cannot read the dataset: " + e.getMessage(), e);
        }
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

    /** Builds a {@link MultiTaskFit}. */
    public static final class Builder {
        private MultiTaskTrainer trainer;
        private int epochs = 1;
        private int batchSize;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean progress = true;

        private Builder() {}

        /** Sets the step trainer (required). */
        public Builder setTrainer(MultiTaskTrainer trainer) {
            this.trainer = trainer;
            return this;
        }

        /** Sets the number of epochs; default 1. */
        public Builder optEpochs(int epochs) {
            if (epochs <= 0) {
                throw new IllegalArgumentException("epochs must be positive, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the batch size used with {@link RandomAccessDataset}s (shuffled for training, in order for
         * evaluation); other datasets keep their own batching. Default: the dataset's own.
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Adds DJL training listeners. */
        public Builder addListeners(TrainingListener... listeners) {
            this.listeners.addAll(List.of(listeners));
            return this;
        }

        /** Whether to add {@link ConsoleProgress}; default true. */
        public Builder optConsoleProgress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /** Builds the fit. */
        public MultiTaskFit build() {
            if (trainer == null) {
                throw new IllegalStateException("a fit needs a trainer: setTrainer(...)");
            }
            if (progress) {
                listeners.add(new ConsoleProgress());
            }
            return new MultiTaskFit(this);
        }
    }
}
