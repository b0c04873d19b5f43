package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import com.google.auto.service.AutoService;
import java.util.List;
import org.rotograd4j.Scalars;
import org.rotograd4j.train.GradientSpace;

/**
 * GradNorm (Chen et al., ICML 2018) on the shared feature: the backbone receives {@code Σ_k w_k G_k} with
 * {@code w = K·softmax(ω)}, and {@code ω} learns, with the rotations' optimizer, from {@code Σ_k |w_k ||G_k||
 * − ||Ḡ_w|| (l_k/l̄)^α|}, where {@code l_k = L_k/L_k^0} and {@code Ḡ_w = (1/K) Σ_k w_k G_k}, as the authors'
 * RotoGrad library computes it, {@code ||Ḡ_w||} from the Gram matrix of the task gradients (so that a sharded step
 * gets the whole batch's value). Cost per step: O(K²·|z|). {@link RotoGradNorm} adds RotoGrad's rotations.
 */
public class GradNorm implements MultiTaskMethod {

    /** GradNorm's α, shared with {@link RotoGradNorm}. */
    static final Hyperparameter ASYMMETRY = Hyperparameter.atLeast("alpha",
            "asymmetry: larger values pull harder on lagging tasks", 1.5, 0);

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("gradnorm", "GradNorm")
            .summary("learned weights equalizing gradient norms")
            .paper("Chen et al. 2018", GradientSpace.FEATURE)
            .hyperparameter(ASYMMETRY)
            .cost("O(K²·d)")
            .factory(values -> new GradNorm(values[0]))
            .build();

    private static final double EPSILON = 1e-15;

    private final double alpha;
    private Parameter logits;

    /**
     * Creates the method.
     *
     * @param alpha GradNorm's asymmetry {@code α ≥ 0}: larger values pull harder on lagging tasks
     * @throws IllegalArgumentException when {@code alpha} is negative or not finite
     */
    public GradNorm(double alpha) {
        this.alpha = descriptor().check(alpha)[0];
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double[] hyperparameters() {
        return new double[] {alpha};
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, int numTasks) {
        logits = Parameter.builder()
                .setName("task_weight_logits")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(numTasks))
                .optInitializer(new ConstantInitializer(1))
                .build();
        logits.initialize(manager, dataType);
    }

    @Override
    public List<Parameter> parameters() {
        return logits == null ? List.of() : List.of(logits);
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        if (logits == null) {
            throw new IllegalStateException(name() + " is not initialized");
        }
        int tasks = gradients.numTasks();
        NDArray exp = Scalars.plus(logits.getArray().exp(), EPSILON);
        NDArray weights = Scalars.times(exp, tasks).div(exp.sum());
        double[] w = weights.toType(DataType.FLOAT64, false).toDoubleArray();

        NDArray combined = MultiTaskMethod.weightedSum(gradients.gradients(), w);
        // ||Σ_k w_k G_k / K|| over the whole batch, from its Gram matrix (a shard holds only some rows).
        double[][] gram = gradients.gram();
        double squaredNorm = 0;
        for (int j = 0; j < tasks; j++) {
            for (int k = 0; k < tasks; k++) {
                squaredNorm += w[j] * w[k] * gram[j][k];
            }
        }
        double meanNorm = Math.sqrt(Math.max(squaredNorm, 0)) / tasks;
        double[] losses = gradients.normalizedLosses();
        double meanLoss = 0;
        for (double loss : losses) {
            meanLoss += loss / tasks;
        }
        double[] targets = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            targets[k] = meanNorm * Math.pow(losses[k] / meanLoss, alpha);
        }
        NDManager manager = weights.getManager();
        // Copies (toType with copy) live in PyTorch's memory, which the graph may keep (see Scalars).
        NDArray norms = manager.create(gradients.norms()).toType(weights.getDataType(), true);
        NDArray target = manager.create(targets).toType(weights.getDataType(), true);
        NDArray gradNormLoss = weights.mul(norms).sub(target).abs().sum();
        return new Combination(combined, w, gradNormLoss);
    }

    /**
     * Returns the current task weights {@code w_k = K·softmax(ω)_k}.
     *
     * @return a new array, one weight per task, summing to K; all 1 before the first update
     */
    public double[] weights() {
        try (NDScope scope = new NDScope()) {
            NDArray exp = logits.getArray().exp().add(EPSILON);
            return exp.mul(logits.getArray().size()).div(exp.sum()).toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** Registers {@link #DESCRIPTOR} with {@link Methods}. */
    @AutoService(MethodRegistration.class)
    public static final class Registration implements MethodRegistration {
        @Override
        public List<MethodDescriptor> descriptors() {
            return List.of(DESCRIPTOR);
        }
    }
}
