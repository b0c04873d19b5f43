package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import java.util.Set;
import org.rotograd4j.checkpoint.SavedState;

/**
 * FAMO, fast adaptive multitask optimization (Liu et al., NeurIPS 2023): the backbone and heads descend
 * {@code Σ_k z_k log L_k} with {@code z = softmax(ξ)}, that is task gradients weighted by {@code z_k / L_k}
 * (normalized to sum to K here); the logits ξ learn, with their own Adam, to equalize the tasks' rates of
 * log-loss decrease, observed between consecutive steps. Cost per step: O(K·|z|).
 */
public final class Famo implements MultiTaskMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("famo", "FAMO")
            .summary("fast adaptive weighting of log-losses")
            .paper("Liu et al. 2023", null)
            .hyperparameter(Hyperparameter.positive("lr", "the logits' Adam learning rate", 0.025))
            .hyperparameter(Hyperparameter.atLeast("decay", "the logits' weight decay", 1e-3, 0))
            .cost("O(K·d)")
            .factory(values -> new Famo(values[0], values[1]))
            .build();

    private static final double MIN_LOSS = 1e-8;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double weightDecay;
    private double[] logits;
    private double[] firstMoment;
    private double[] secondMoment;
    private double[] previousLosses;
    private int updates;
    private State pending;

    private record State(double[] logits, double[] first, double[] second, double[] losses, int updates) {}

    /**
     * Creates the method.
     *
     * @param learningRate the logits' Adam learning rate (the paper uses 0.025)
     * @param weightDecay the logits' weight decay (the paper uses 0.001)
     * @throws IllegalArgumentException when the learning rate is not positive or the weight decay is negative
     */
    public Famo(double learningRate, double weightDecay) {
        DESCRIPTOR.check(learningRate, weightDecay);
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double[] hyperparameters() {
        return new double[] {learningRate, weightDecay};
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        double[] losses = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            losses[k] = Math.max(gradients.losses()[k], MIN_LOSS);
        }
        double[] xi = logits == null ? new double[tasks] : logits.clone();
        double[] m = firstMoment == null ? new double[tasks] : firstMoment.clone();
        double[] v = secondMoment == null ? new double[tasks] : secondMoment.clone();
        int t = updates;
        if (previousLosses != null) {
            double[] z = Simplex.softmax(xi);
            double[] decrease = new double[tasks];
            double zDecrease = 0;
            for (int k = 0; k < tasks; k++) {
                decrease[k] = Math.log(previousLosses[k]) - Math.log(losses[k]);
                zDecrease += z[k] * decrease[k];
            }
            t++;
            for (int k = 0; k < tasks; k++) {
                // The softmax's Jacobian applied to the decreases: a task that improved more loses weight.
                double gradient = z[k] * decrease[k] - z[k] * zDecrease + weightDecay * xi[k];
                m[k] = BETA1 * m[k] + (1 - BETA1) * gradient;
                v[k] = BETA2 * v[k] + (1 - BETA2) * gradient * gradient;
                double mHat = m[k] / (1 - Math.pow(BETA1, t));
                double vHat = v[k] / (1 - Math.pow(BETA2, t));
                xi[k] -= learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
            }
        }
        double[] z = Simplex.softmax(xi);
        double[] weights = new double[tasks];
        double sum = 0;
        for (int k = 0; k < tasks; k++) {
            weights[k] = z[k] / losses[k];
            sum += weights[k];
        }
        for (int k = 0; k < tasks; k++) {
            weights[k] *= tasks / sum;
        }
        pending = new State(xi, m, v, losses, t);
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights, null, weights);
    }

    @Override
    public void commit() {
        logits = pending.logits();
        firstMoment = pending.first();
        secondMoment = pending.second();
        previousLosses = pending.losses();
        updates = pending.updates();
    }

    @Override
    public SavedState saveState() {
        return SavedState.builder()
                .putIfPresent("logits", logits)
                .putIfPresent("logits_exp_avg", firstMoment)
                .putIfPresent("logits_exp_avg_sq", secondMoment)
                .putIfPresent("previous_losses", previousLosses)
                .put("logit_updates", updates)
                .build();
    }

    @Override
    public Runnable prepareRestore(SavedState state) {
        state.requireOnly(Set.of("logits", "logits_exp_avg", "logits_exp_avg_sq", "previous_losses", "logit_updates"));
        int tasks = state.has("previous_losses") ? state.asMap().get("previous_losses").length : 0;
        double[] xi = state.optionalDoubles("logits", tasks);
        double[] m = state.optionalDoubles("logits_exp_avg", tasks);
        double[] v = state.optionalDoubles("logits_exp_avg_sq", tasks);
        double[] losses = state.optionalDoubles("previous_losses", tasks);
        int t = state.count("logit_updates");
        return () -> {
            logits = xi;
            firstMoment = m;
            secondMoment = v;
            previousLosses = losses;
            updates = t;
            pending = null;
        };
    }

    /**
     * Returns the current task weights {@code z = softmax(ξ)}.
     *
     * @param tasks the number of tasks K, used before the first step (when ξ does not exist yet)
     * @return a new array, one weight per task, summing to 1; uniform before the first step
     */
    public double[] taskWeights(int tasks) {
        return Simplex.softmax(logits == null ? new double[tasks] : logits);
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
