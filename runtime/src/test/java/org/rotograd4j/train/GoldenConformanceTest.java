package org.rotograd4j.train;

import org.rotograd4j.optim.OptimizerFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.rotograd4j.loss.Losses;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rotograd4j.method.MultiTaskMethod;
import org.rotograd4j.method.RotateOnly;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.RotoGradNorm;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.Sgd;
import org.rotograd4j.rotation.RotationInit;

/**
 * Reproduces, in float64 with SGD, every case of the reference implementation's golden files
 * (the test resources' {@code golden/*.json}, a copy of the project's reference cases, and the folder named
 * by {@code rotograd.golden.dir} when set): every
 * dumped value of every step, to 1e-9 relative (1e-12 absolute near zero). Sizes, steps and settings all
 * come from each case.
 *
 * <p>Not compared: {@code mean_grad_raw}, {@code target_v_paper} and the two {@code
 * rotation_loss_grad_wrt_R*} fields, intermediate values the step never forms (the gradient goes
 * straight to {@code A_k}, which is compared).
 */
class GoldenConformanceTest {

    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-12;
    private static final Map<String, String> WORST = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> reproducesEveryReferenceCase() throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        Path shipped;
        try {
            shipped = Path.of(GoldenConformanceTest.class.getResource("/golden").toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the reference cases are missing from the test resources (golden/)", e);
        }
        cases.addAll(GoldenCase.readFolder(shipped));
        String extra = System.getProperty("rotograd.golden.dir");
        if (extra != null && !extra.isBlank()) {
            List<GoldenCase> more = GoldenCase.readFolder(Path.of(extra));
            assertFalse(more.isEmpty(), "no *.json case file in rotograd.golden.dir=" + extra);
            cases.addAll(more);
        }
        assertFalse(cases.isEmpty(), "no reference case in " + shipped);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> reproduce(c)));
    }

    @AfterAll
    static void report() {
        WORST.forEach((name, summary) -> System.out.printf("conformance %s: %s%n", name, summary));
    }

    private static void reproduce(GoldenCase c) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Reference reference = new Reference(c);
            MultiTaskModel model = reference.buildModel(manager);
            MultiTaskConfig.Builder config = MultiTaskConfig.builder()
                    .optMethod(() -> method(c))
                    .optOptimizer(OptimizerFactory.SGD)
                    .optNetworkLearningRate(c.number("lr_model"))
                    .optNormalizeLosses(c.flag("normalize_losses"))
                    .optBurnInPeriod(c.has("burn_in_period") ? c.integer("burn_in_period") : 20);
            if (c.has("lr_rotation")) {
                config.optRotationLearningRate(c.number("lr_rotation"));
            }
            BatchTrainer trainer = new BatchTrainer(model, config.build());
            NDList inputs = new NDList(array(manager, c.json().get("inputs")));
            List<NDList> labels = new ArrayList<>();
            for (JsonElement target : c.json().getAsJsonArray("targets")) {
                labels.add(new NDList(array(manager, target)));
            }
            Checker check = new Checker(c);
            JsonArray steps = c.steps();
            for (int t = 0; t < steps.size(); t++) {
                JsonObject expected = steps.get(t).getAsJsonObject();
                StepTrace trace = new StepTrace();
                StepResult result = trainer.step(inputs, labels, trace);
                check.step(t);
                reference.compareStep(check, expected, trace, result, trainer);
            }
            assertTrue(check.compared > 0, "nothing was compared in " + c);
            WORST.put(c.toString(), String.format("%d values, max relative error %.3e in %s",
                    check.compared, check.worst, check.worstAt));
        }
    }

    private static MultiTaskMethod method(GoldenCase c) {
        return switch (c.method()) {
            case "VanillaMTL", "Vanilla" -> new Vanilla();
            case "RotateOnly" -> new RotateOnly();
            case "RotoGrad" -> new RotoGrad();
            case "RotoGradNorm" -> new RotoGradNorm(c.number("alpha"));
            default -> throw new IllegalArgumentException("unknown method '" + c.method() + "' in " + c);
        };
    }

    private static NDArray array(NDManager manager, JsonElement nested) {
        return manager.create(GoldenCase.flat(nested), new Shape(GoldenCase.nestedShape(nested)));
    }

    /** The reference problem of one case: Linear layers with tanh as backbone, linear heads, MSE losses. */
    private static final class Reference {
        private final GoldenCase c;
        private final Map<String, Parameter> byGoldenName = new LinkedHashMap<>();
        private final Map<String, String> traceKeyByGoldenName = new LinkedHashMap<>();
        private MultiTaskModel model;

        Reference(GoldenCase c) {
            this.c = c;
        }

        MultiTaskModel buildModel(NDManager manager) {
            Map<String, long[]> shapes = c.parameterShapes();
            SequentialBlock backbone = new SequentialBlock();
            Map<String, Linear> layers = new LinkedHashMap<>();
            List<String> backboneLayers = shapes.keySet().stream()
                    .filter(n -> n.startsWith("backbone.") && n.endsWith(".weight"))
                    .sorted((a, b) -> Integer.compare(index(a), index(b)))
                    .toList();
            for (String weight : backboneLayers) {
                Linear linear = Linear.builder().setUnits(shapes.get(weight)[0]).build();
                backbone.add(linear).add(Activation.tanhBlock());
                layers.put(weight.substring(0, weight.length() - ".weight".length()), linear);
            }
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setBackbone(backbone);
            int tasks = c.integer("num_tasks");
            for (int k = 0; k < tasks; k++) {
                Linear head = Linear.builder().setUnits(shapes.get("head" + k + ".weight")[0]).build();
                layers.put("head" + k, head);
                builder.addTask(Task.of("task" + k, head, Losses.meanSquaredError("mse")));
            }
            boolean rotating = c.initial().has("rotation_base");
            if (rotating) {
                builder.optRotation(c.integer("rotation_size"), RotationInit.HAAR, 0);
            }
            model = builder.build();
            long[] inputShape = GoldenCase.nestedShape(c.json().get("inputs"));
            model.initialize(manager, DataType.FLOAT64, new Shape(inputShape));

            for (Map.Entry<String, Linear> layer : layers.entrySet()) {
                for (String kind : List.of("weight", "bias")) {
                    byGoldenName.put(layer.getKey() + "." + kind, layer.getValue().getParameters().get(kind));
                }
            }
            indexTraceKeys("backbone_", model.backbone());
            for (int k = 0; k < tasks; k++) {
                indexTraceKeys("head_task" + k + "_", model.tasks().get(k).head());
            }
            JsonObject initial = c.initial();
            for (Map.Entry<String, JsonElement> p : initial.getAsJsonObject("params").entrySet()) {
                set(byGoldenName.get(p.getKey()), p.getValue());
            }
            if (rotating) {
                set(model.rotations().generator(), initial.get("rotation_param_A"));
                set(model.rotations().base(), initial.get("rotation_base"));
            }
            return model;
        }

        private void indexTraceKeys(String prefix, Block block) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                byGoldenName.forEach((golden, parameter) -> {
                    if (parameter == p.getValue()) {
                        traceKeyByGoldenName.put(golden, "param_grad/" + prefix + p.getKey());
                    }
                });
            }
        }

        private static int index(String name) {
            return Integer.parseInt(name.split("\\.")[1]);
        }

        private static void set(Parameter parameter, JsonElement values) {
            NDArray array = parameter.getArray();
            double[] flat = GoldenCase.flat(values);
            assertEquals(array.size(), flat.length, "size of " + parameter.getName());
            array.set(DoubleBuffer.wrap(flat));
        }

        void compareStep(Checker check, JsonObject expected, StepTrace trace, StepResult result, BatchTrainer trainer) {
            int tasks = model.numTasks();
            check.values("z", expected.get("z"), trace.get("z"));
            check.values("losses", expected.get("losses"), result.losses());
            for (int k = 0; k < tasks; k++) {
                check.values("preds[" + k + "]", expected.getAsJsonArray("preds").get(k), trace.get("prediction/" + k));
                check.values("grads_wrt_z[" + k + "]", expected.getAsJsonArray("grads_wrt_z").get(k),
                        trace.get("grad_z/" + k));
            }
            check.values("combined_backbone_grad", expected.get("combined_backbone_grad"), trace.get("backbone_grad"));
            for (Map.Entry<String, JsonElement> grad : expected.getAsJsonObject("param_grads").entrySet()) {
                check.values("param_grads." + grad.getKey(), grad.getValue(),
                        trace.get(traceKeyByGoldenName.get(grad.getKey())));
            }
            for (Map.Entry<String, JsonElement> after : expected.getAsJsonObject("params_after").entrySet()) {
                check.values("params_after." + after.getKey(), after.getValue(),
                        doubles(byGoldenName.get(after.getKey()).getArray()));
            }
            if (expected.has("normalized_losses")) {
                check.values("normalized_losses", expected.get("normalized_losses"), result.normalizedLosses());
                double[] initialLosses = new double[tasks];
                for (int k = 0; k < tasks; k++) {
                    initialLosses[k] = result.losses()[k] / result.normalizedLosses()[k];
                }
                check.values("initial_losses", expected.get("initial_losses"), initialLosses);
            }
            if (expected.has("R_used")) {
                compareRotations(check, expected, trace, result, tasks);
            }
            if (expected.has("alphas")) {
                RotoGrad.Magnitudes m = ((RotoGrad) trainer.method()).lastMagnitudes();
                check.values("grad_norms", expected.get("grad_norms"), m.norms());
                check.values("initial_grad_norms", expected.get("initial_grad_norms"), m.initialNorms());
                check.values("conv_ratios", expected.get("conv_ratios"), m.convergenceRatios());
                check.values("alphas", expected.get("alphas"), m.alphas());
                check.values("weighted_sum_norms_C", expected.get("weighted_sum_norms_C"),
                        new double[] {m.sharedMagnitude()});
            }
        }

        private void compareRotations(Checker check, JsonObject expected, StepTrace trace, StepResult result, int tasks) {
            for (int k = 0; k < tasks; k++) {
                check.values("R_used[" + k + "]", expected.getAsJsonArray("R_used").get(k), trace.get("rotation/" + k));
                check.values("rotated_z[" + k + "]", expected.getAsJsonArray("rotated_z").get(k),
                        rotatedZ(trace.get("z"), trace.get("rotation/" + k)));
                check.values("grads_wrt_rotated_z[" + k + "]", expected.getAsJsonArray("grads_wrt_rotated_z").get(k),
                        trace.get("grad_r/" + k));
            }
            check.values("target_v", expected.get("target_v"), trace.get("target"));
            check.values("rotation_losses", expected.get("rotation_losses"), result.rotationLosses());
            check.values("rotation_param_A_grad", expected.get("rotation_param_A_grad"),
                    trace.get("param_grad/rotations_rotation_param"));
            check.values("rotation_param_A_after", expected.get("rotation_param_A_after"),
                    doubles(model.rotations().generator().getArray()));
            check.values("rotation_base_after", expected.get("rotation_base_after"),
                    doubles(model.rotations().base().getArray()));
            try (NDArray after = model.rotations().matrices()) {
                check.values("R_after", expected.get("R_after"), doubles(after));
            }
        }

        /** {@code r = [R z[:m], z[m:]]} row by row, in plain Java: an independent check of the layout. */
        private double[] rotatedZ(double[] z, double[] rotation) {
            int m = (int) Math.round(Math.sqrt(rotation.length));
            int d = z.length / c.integer("batch");
            double[] r = z.clone();
            for (int n = 0; n < c.integer("batch"); n++) {
                for (int i = 0; i < m; i++) {
                    double sum = 0;
                    for (int j = 0; j < m; j++) {
                        sum += rotation[i * m + j] * z[n * d + j];
                    }
                    r[n * d + i] = sum;
                }
            }
            return r;
        }

        private static double[] doubles(NDArray array) {
            return array.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** Compares values to the tolerance and remembers the worst relative error. */
    private static final class Checker {
        private final GoldenCase c;
        private int step;
        private int compared;
        private double worst;
        private String worstAt = "";

        Checker(GoldenCase c) {
            this.c = c;
        }

        void step(int t) {
            step = t;
        }

        void values(String field, JsonElement expectedJson, double[] actual) {
            if (expectedJson == null) {
                fail(c + " step " + step + ": field '" + field + "' missing from the case");
            }
            double[] expected = GoldenCase.flat(expectedJson);
            assertEquals(expected.length, actual.length, c + " step " + step + ": size of " + field);
            for (int i = 0; i < expected.length; i++) {
                double error = Math.abs(actual[i] - expected[i]);
                double scale = Math.abs(expected[i]);
                if (error > RELATIVE * scale + ABSOLUTE) {
                    fail(String.format("%s step %d: %s[%d] is %.17g, reference %.17g (relative error %.3e)",
                            c, step, field, i, actual[i], expected[i], error / Math.max(scale, Double.MIN_NORMAL)));
                }
                if (scale > 1e-6 && error / scale > worst) {
                    worst = error / scale;
                    worstAt = String.format("%s[%d] at step %d (|value| %.1e)", field, i, step, scale);
                }
                compared++;
            }
        }
    }
}
