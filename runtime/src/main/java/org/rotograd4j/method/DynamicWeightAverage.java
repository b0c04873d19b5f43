package org.rotograd4j.method;

import com.google.auto.service.AutoService;
import java.util.List;
import java.util.Set;
import org.rotograd4j.checkpoint.SavedState;

/**
 * Dynamic weight average (Liu et al., CVPR 2019, MTAN): {@code w_k = K·softmax(r_k / T)} with {@code r_k} the
 * ratio of the task's mean loss over the last {@code window} steps to its mean over the window before (the
 * paper uses epochs: set the window to the number of steps per epoch). Weights are 1 until two windows are
 * seen. Backbone and heads receive the weighted gradients. Cost per step: O(K·|z|).
 */
public final class DynamicWeightAverage implements MultiTaskMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("dwa", "DWA")
            .summary("dynamic weight average")
            .paper("Liu et al. 2019", null)
            .hyperparameter(Hyperparameter.positive("T", "the temperature: larger values give more even weights", 2))
            .hyperparameter(Hyperparameter.count("window", "the steps averaged into one loss value (the paper: "
                    + "one epoch)", 1))
            .cost("O(K·d)")
            .factory(values -> new DynamicWeightAverage(values[0], (int) values[1]))
            .build();

    private final double temperature;
    private final int window;
    private double[] previousMean;
    private double[] earlierMean;
    private double[] current;
    private int inWindow;
    private Pending pending;

    private record Pending(double[] previousMean, double[] earlierMean, double[] current, int inWindow) {}

    /**
     * Creates the method.
     *
     * @param temperature T, positive; larger values give more even weights (the paper uses 2)
     * @param window the number of steps averaged into one loss value (the paper: one epoch), positive
     * @throws IllegalArgumentException when the temperature or the window is not positive
     */
    public DynamicWeightAverage(double temperature, int window) {
        DESCRIPTOR.check(temperature, window);
        this.temperature = temperature;
        this.window = window;
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double[] hyperparameters() {
        return new double[] {temperature, window};
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        double[] weights = Simplex.filled(tasks, 1);
        if (previousMean != null && earlierMean != null) {
            double[] ratios = new double[tasks];
            for (int k = 0; k < tasks; k++) {
                ratios[k] = previousMean[k] / Math.max(earlierMean[k], 1e-15) / temperature;
            }
            double[] softmax = Simplex.softmax(ratios);
            for (int k = 0; k < tasks; k++) {
                weights[k] = tasks * softmax[k];
            }
        }
        double[] accumulated = current == null ? new double[tasks] : current.clone();
        for (int k = 0; k < tasks; k++) {
            accumulated[k] += gradients.losses()[k];
        }
        int count = inWindow + 1;
        pending = count == window
                ? new Pending(divide(accumulated, window), previousMean, null, 0)
                : new Pending(previousMean, earlierMean, accumulated, count);
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights, null, weights);
    }

    @Override
    public void commit() {
        previousMean = pending.previousMean();
        earlierMean = pending.earlierMean();
        current = pending.current();
        inWindow = pending.inWindow();
    }

    @Override
    public SavedState saveState() {
        return SavedState.builder()
                .putIfPresent("previous_mean", previousMean)
                .putIfPresent("earlier_mean", earlierMean)
                .putIfPresent("current_sum", current)
                .put("steps_in_window", inWindow)
                .build();
    }

    @Override
    public Runnable prepareRestore(SavedState state) {
        state.requireOnly(Set.of("previous_mean", "earlier_mean", "current_sum", "steps_in_window"));
        int tasks = taskCount(state);
        double[] previous = state.optionalDoubles("previous_mean", tasks);
        double[] earlier = state.optionalDoubles("earlier_mean", tasks);
        double[] sum = state.optionalDoubles("current_sum", tasks);
        int steps = state.count("steps_in_window");
        if (steps >= window) {
            throw new IllegalArgumentException("the saved DWA window holds " + steps + " steps, but this DWA's window is "
                    + window);
        }
        return () -> {
            previousMean = previous;
            earlierMean = earlier;
            current = sum;
            inWindow = steps;
        };
    }

    /** The number of tasks the saved arrays are for (all of the same length), or 0 when there are none. */
    private static int taskCount(SavedState state) {
        for (String name : state.names()) {
            if (!name.equals("steps_in_window")) {
                return state.asMap().get(name).length;
            }
        }
        return 0;
    }

    private static double[] divide(double[] values, double by) {
        double[] out = values.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] /= by;
        }
        return out;
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
