package org.rotograd4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.rotograd4j.checkpoint.CheckpointException;
import org.rotograd4j.checkpoint.CheckpointFile;
import org.rotograd4j.checkpoint.CheckpointFile.StoredTensor;
import org.rotograd4j.checkpoint.SavedState;
import org.rotograd4j.checkpoint.StateRestorer;
import org.rotograd4j.optim.ExactOptimizer;
import org.rotograd4j.rotation.TaskRotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole state of a {@link BatchTrainer} as one {@link CheckpointFile}.
 *
 * <p>Tensors: {@code model/<name>} for every parameter of the model (DJL's names, rotation bases
 * included), {@code method/<name>} for the method's own parameters, and {@code optimizer/network/<tensor>/<array>}
 * and {@code optimizer/rotation/<tensor>/<array>} for the optimizers' arrays ({@code exp_avg}, {@code
 * exp_avg_sq}, {@code momentum_buffer}). The JSON state: {@code format_version}, {@code library_version},
 * {@code method} (the method's id, hyperparameters included), {@code tasks} in order, {@code data_type},
 * {@code rotation} (size and axis, or null), {@code settings} (for reference), {@code trainer} (step counts and
 * loss references), {@code method_state}, {@code optimizers} (kind and update count of every parameter, which
 * is also its position in the learning rate schedule), {@code loop} (the fit loop's position) and {@code
 * tensors}.
 */
final class TrainerCheckpoint {

    /** The version of this layout; a checkpoint of another version is refused. */
    static final int FORMAT_VERSION = 1;

    private static final Logger LOGGER = LoggerFactory.getLogger(TrainerCheckpoint.class);
    private static final String MODEL = "model/";
    private static final String METHOD = "method/";
    private static final String OPTIMIZER = "optimizer/";

    private TrainerCheckpoint() {}

    /** Writes the trainer's state, and the loop's, to {@code file}. */
    static void write(Path file, BatchTrainer trainer, SavedState loopState) throws IOException {
        MultiTaskModel model = trainer.model();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<Parameter, String> names = tensorNames(trainer);
        names.forEach((parameter, name) -> arrays.put(name, parameter.getArray()));

        JsonObject optimizers = new JsonObject();
        optimizers.add("network", optimizerState("network", exact(trainer.networkOptimizer(), "network"),
                trainer.networkParameters(), names, arrays));
        if (!trainer.rotationParameters().isEmpty()) {
            optimizers.add("rotation", optimizerState("rotation", exact(trainer.rotationOptimizer(), "rotation"),
                    trainer.rotationParameters(), names, arrays));
        }

        JsonObject state = new JsonObject();
        state.addProperty("format_version", FORMAT_VERSION);
        state.addProperty("library_version", libraryVersion());
        state.addProperty("method", trainer.method().id());
        JsonArray tasks = new JsonArray();
        model.taskNames().forEach(tasks::add);
        state.add("tasks", tasks);
        state.addProperty("data_type", dataType(model));
        state.add("rotation", rotation(model));
        state.addProperty("settings", trainer.settings());
        state.add("trainer", toJson(trainer.saveOwnState()));
        state.add("method_state", toJson(trainer.method().saveState()));
        state.add("optimizers", optimizers);
        state.add("loop", toJson(loopState));
        CheckpointFile.write(file, state, arrays);
    }

    /**
     * Checks the whole checkpoint against the trainer, then installs it. Nothing changes when a check
     * fails.
     */
    static void load(Path file, BatchTrainer trainer, StateRestorer loop) throws IOException {
        CheckpointFile checkpoint = CheckpointFile.read(file);
        JsonObject state = checkpoint.state();
        MultiTaskModel model = trainer.model();
        Map<String, StoredTensor> stored = checkpoint.tensors();
        Set<String> unused = new LinkedHashSet<>(stored.keySet());
        Map<Parameter, StoredTensor> values = new LinkedHashMap<>();
        List<OptimizerRestore> optimizerRestores = new ArrayList<>();
        List<Runnable> stateRestores = new ArrayList<>();
        try {
            checkHeader(state, trainer);
            Map<Parameter, String> names = tensorNames(trainer);
            for (Map.Entry<Parameter, String> entry : names.entrySet()) {
                values.put(entry.getKey(), expect(stored, entry.getValue(), entry.getKey().getArray(), model, unused));
            }
            JsonObject optimizers = object(state, "optimizers");
            optimizerRestores.addAll(checkOptimizer("network", trainer.networkOptimizer(), trainer.networkParameters(),
                    optimizers, names, stored, model, unused));
            if (!trainer.rotationParameters().isEmpty()) {
                optimizerRestores.addAll(checkOptimizer("rotation", trainer.rotationOptimizer(),
                        trainer.rotationParameters(), optimizers, names, stored, model, unused));
            } else if (optimizers.has("rotation")) {
                throw new IllegalArgumentException("the checkpoint has a rotation optimizer, the trainer has none");
            }
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("the checkpoint holds tensors this training does not have: " + unused);
            }
            stateRestores.add(trainer.prepareOwnRestore(fromJson(object(state, "trainer"))));
            stateRestores.add(prepare("method state", () -> trainer.method().prepareRestore(
                    fromJson(object(state, "method_state")))));
            stateRestores.add(prepare("loop state", () -> loop.prepare(fromJson(object(state, "loop")))));
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
        String savedSettings = state.has("settings") ? state.get("settings").getAsString() : "";
        if (!savedSettings.equals(trainer.settings())) {
            LOGGER.warn("{} was saved by a trainer with {}; it goes on with {}", file, savedSettings, trainer.settings());
        }
        install(values, optimizerRestores, stateRestores);
    }

    /** Copies everything in; the arrays are made first, so that running out of memory changes nothing. */
    private static void install(Map<Parameter, StoredTensor> values, List<OptimizerRestore> optimizerRestores,
            List<Runnable> stateRestores) {
        Map<Parameter, NDArray> arrays = new LinkedHashMap<>();
        List<Map<String, NDArray>> optimizerArrays = new ArrayList<>();
        try {
            values.forEach((parameter, tensor) -> arrays.put(parameter, tensor.toArray(parameter.getArray().getManager())));
            for (OptimizerRestore restore : optimizerRestores) {
                Map<String, NDArray> made = new LinkedHashMap<>();
                optimizerArrays.add(made);
                restore.arrays().forEach((name, tensor) ->
                        made.put(name, tensor.toArray(restore.parameter().getArray().getManager())));
            }
        } catch (RuntimeException e) {
            arrays.values().forEach(NDArray::close);
            optimizerArrays.forEach(made -> made.values().forEach(NDArray::close));
            throw e;
        }
        arrays.forEach((parameter, value) -> {
            parameter.getArray().set(new NDIndex("..."), value);
            value.close();
        });
        for (int i = 0; i < optimizerRestores.size(); i++) {
            OptimizerRestore restore = optimizerRestores.get(i);
            restore.optimizer().restoreState(restore.parameter().getId(), restore.updates(), optimizerArrays.get(i));
        }
        stateRestores.forEach(Runnable::run);
    }

    /** One parameter's optimizer state, checked and waiting to be installed. */
    private record OptimizerRestore(
            ExactOptimizer optimizer, Parameter parameter, int updates, Map<String, StoredTensor> arrays) {}

    /** Every array the trainer saves, named: the model's parameters, then the method's. */
    private static Map<Parameter, String> tensorNames(BatchTrainer trainer) {
        // Parameters compare by identity: a map keyed by them keeps one entry per parameter, in this order.
        Map<Parameter, String> names = new LinkedHashMap<>();
        trainer.model().getParameters().forEach(p -> names.put(p.getValue(), MODEL + p.getKey()));
        for (Parameter p : trainer.method().parameters()) {
            names.put(p, METHOD + p.getName());
        }
        return names;
    }

    private static JsonObject optimizerState(String role, ExactOptimizer optimizer,
            List<Pair<String, Parameter>> parameters, Map<Parameter, String> names, Map<String, NDArray> arrays) {
        JsonObject updates = new JsonObject();
        for (Pair<String, Parameter> p : parameters) {
            String name = names.get(p.getValue());
            updates.addProperty(name, optimizer.updates(p.getValue().getId()));
            optimizer.stateArrays(p.getValue().getId()).forEach((arrayName, array) ->
                    arrays.put(OPTIMIZER + role + "/" + name + "/" + arrayName, array));
        }
        JsonObject state = new JsonObject();
        state.addProperty("type", optimizer.getClass().getSimpleName());
        state.add("updates", updates);
        return state;
    }

    private static List<OptimizerRestore> checkOptimizer(String role, Optimizer configured,
            List<Pair<String, Parameter>> parameters, JsonObject optimizers, Map<Parameter, String> names,
            Map<String, StoredTensor> stored, MultiTaskModel model, Set<String> unused) {
        ExactOptimizer optimizer = exact(configured, role);
        JsonObject saved = object(optimizers, role);
        String type = saved.get("type").getAsString();
        if (!type.equals(optimizer.getClass().getSimpleName())) {
            throw new IllegalArgumentException("the " + role + " optimizer is " + type + " in the checkpoint, "
                    + optimizer.getClass().getSimpleName() + " in the trainer");
        }
        JsonObject updates = object(saved, "updates");
        List<OptimizerRestore> restores = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        for (Pair<String, Parameter> p : parameters) {
            String name = names.get(p.getValue());
            expected.add(name);
            if (!updates.has(name)) {
                throw new IllegalArgumentException("the " + role + " optimizer has no state for " + describe(name, model)
                        + " in the checkpoint");
            }
            int count = updates.get(name).getAsInt();
            if (count < 0) {
                throw new IllegalArgumentException("the " + role + " optimizer's update count of " + describe(name, model)
                        + " is negative: " + count);
            }
            Map<String, StoredTensor> arrays = new LinkedHashMap<>();
            if (count > 0) {
                for (String arrayName : optimizer.stateNames()) {
                    arrays.put(arrayName, expect(stored, OPTIMIZER + role + "/" + name + "/" + arrayName,
                            p.getValue().getArray(), model, unused));
                }
            }
            restores.add(new OptimizerRestore(optimizer, p.getValue(), count, arrays));
        }
        if (!updates.keySet().equals(expected)) {
            Set<String> extra = new LinkedHashSet<>(updates.keySet());
            extra.removeAll(expected);
            throw new IllegalArgumentException("the " + role + " optimizer has state for parameters this trainer does "
                    + "not train: " + extra);
        }
        return restores;
    }

    /** Finds a tensor and checks its shape and data type against the array it will go into. */
    private static StoredTensor expect(Map<String, StoredTensor> stored, String name, NDArray target,
            MultiTaskModel model, Set<String> unused) {
        StoredTensor tensor = stored.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("the checkpoint has no tensor for " + describe(name, model) + " ('" + name
                    + "')");
        }
        if (!tensor.shape().equals(target.getShape())) {
            throw new IllegalArgumentException(describe(name, model) + " has shape " + tensor.shape()
                    + " in the checkpoint, " + target.getShape() + " in the model");
        }
        if (tensor.dataType() != target.getDataType()) {
            throw new IllegalArgumentException(describe(name, model) + " has data type " + tensor.dataType()
                    + " in the checkpoint, " + target.getDataType() + " in the model");
        }
        unused.remove(name);
        return tensor;
    }

    /** Checks format version, tasks, data type, rotations and method. */
    private static void checkHeader(JsonObject state, BatchTrainer trainer) {
        MultiTaskModel model = trainer.model();
        int version = state.get("format_version").getAsInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("checkpoint format version " + version + " (library "
                    + state.get("library_version").getAsString() + "); this library (" + libraryVersion()
                    + ") reads version " + FORMAT_VERSION);
        }
        List<String> tasks = new ArrayList<>();
        state.getAsJsonArray("tasks").forEach(t -> tasks.add(t.getAsString()));
        if (!tasks.equals(model.taskNames())) {
            throw new IllegalArgumentException("the checkpoint's tasks are " + tasks + " (K = " + tasks.size()
                    + "), the model's are " + model.taskNames() + " (K = " + model.numTasks() + ")");
        }
        String dataType = state.get("data_type").getAsString();
        if (!dataType.equals(dataType(model))) {
            throw new IllegalArgumentException("the checkpoint's parameters are " + dataType + ", the model's are "
                    + dataType(model));
        }
        JsonElement rotation = state.has("rotation") ? state.get("rotation") : JsonNull.INSTANCE;
        if (!rotation.equals(rotation(model))) {
            throw new IllegalArgumentException("the checkpoint's rotations are " + rotation + ", the model's are "
                    + rotation(model));
        }
        String method = state.get("method").getAsString();
        if (!method.equals(trainer.method().id())) {
            throw new IllegalArgumentException("the checkpoint was trained with method " + method
                    + ", this trainer uses " + trainer.method().id());
        }
    }

    private static Runnable prepare(String what, java.util.function.Supplier<Runnable> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** Names a tensor the way a user thinks of it: the task's head, the backbone, the rotations. */
    static String describe(String tensorName, MultiTaskModel model) {
        if (tensorName.startsWith(OPTIMIZER)) {
            String[] parts = tensorName.split("/", 3);
            String rest = parts.length == 3 ? parts[2] : tensorName;
            int cut = rest.lastIndexOf('/');
            return parts[1] + " optimizer's " + (cut > 0 ? rest.substring(cut + 1) + " of " + describe(rest.substring(0,
                    cut), model) : rest);
        }
        if (tensorName.startsWith(METHOD)) {
            return "method parameter '" + tensorName.substring(METHOD.length()) + "'";
        }
        String parameter = tensorName.startsWith(MODEL) ? tensorName.substring(MODEL.length()) : tensorName;
        String withoutIndex = parameter.replaceFirst("^\\d+", "");
        String bestTask = null;
        for (String task : model.taskNames()) {
            String prefix = "head_" + task + "_";
            if (withoutIndex.startsWith(prefix) && (bestTask == null || task.length() > bestTask.length())) {
                bestTask = task;
            }
        }
        if (bestTask != null) {
            return "task '" + bestTask + "' head parameter '" + withoutIndex.substring(("head_" + bestTask + "_").length())
                    + "'";
        }
        if (withoutIndex.startsWith("backbone_")) {
            return "backbone parameter '" + withoutIndex.substring("backbone_".length()) + "'";
        }
        if (withoutIndex.startsWith("rotations_")) {
            return "rotation parameter '" + withoutIndex.substring("rotations_".length()) + "'";
        }
        return "parameter '" + parameter + "'";
    }

    private static ExactOptimizer exact(Optimizer optimizer, String role) {
        if (optimizer instanceof ExactOptimizer exact) {
            return exact;
        }
        throw new IllegalStateException("the " + role + " optimizer " + optimizer.getClass().getName() + " keeps state "
                + "that a checkpoint cannot hold: use org.rotograd4j.optim.Adam or org.rotograd4j.optim.Sgd");
    }

    private static JsonElement rotation(MultiTaskModel model) {
        TaskRotations rotations = model.rotations();
        if (rotations == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject rotation = new JsonObject();
        rotation.addProperty("size", rotations.layout().size());
        rotation.addProperty("axis", rotations.layout().axis().name());
        if (rotations.blocks() > 1) {
            rotation.addProperty("blocks", rotations.blocks());
        }
        return rotation;
    }

    private static String dataType(MultiTaskModel model) {
        return model.getParameters().valueAt(0).getArray().getDataType().toString();
    }

    private static JsonObject object(JsonObject parent, String key) {
        JsonElement element = parent.get(key);
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException("the checkpoint's state has no object '" + key + "'");
        }
        return element.getAsJsonObject();
    }

    private static JsonObject toJson(SavedState state) {
        JsonObject object = new JsonObject();
        state.asMap().forEach((name, values) -> {
            JsonArray array = new JsonArray();
            for (double value : values) {
                array.add(value);
            }
            object.add(name, array);
        });
        return object;
    }

    private static SavedState fromJson(JsonObject object) {
        SavedState.Builder builder = SavedState.builder();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonArray array = entry.getValue().getAsJsonArray();
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = array.get(i).getAsDouble();
            }
            builder.put(entry.getKey(), values);
        }
        return builder.build();
    }

    /** Returns this library's version, as its jar records it. */
    static String libraryVersion() {
        try (InputStream in = TrainerCheckpoint.class.getResourceAsStream("/org/rotograd4j/rotograd4j.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
