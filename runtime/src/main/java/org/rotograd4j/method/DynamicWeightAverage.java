package org.rotograd4j.method;

/**
 * Dynamic weight average (Liu et al., CVPR 2019, MTAN): {@code w_k = K·softmax(r_k / T)} with {@code r_k} the
 * ratio of the task's mean loss over the last {@code window} steps to its mean over the window before (the
 * paper uses epochs: set the window to the number of steps per epoch). Weights are 1 until two windows are
 * seen. Backbone and heads receive the weighted gradients. Cost per step: O(K·|z|).
 */
public final class DynamicWeightAverage implements MultiTaskMethod {

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
     * @param window the number of steps averaged into one loss value (the paper: one epoch)
     */
    public DynamicWeightAverage(double temperature, int window) {
        if (!(temperature > 0) || window <= 0) {
            throw new IllegalArgumentException("DWA needs a positive temperature and window, got " + temperature
                    + " and " + window);
        }
        this.temperature = temperature;
        this.window = window;
    }

    @Override
    public String name() {
        return "DWA";
    }

    @Override
    public boolean rotates() {
        return false;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        int tasks = gradients.numTasks();
        double[] weights = Simplex.filled(tasks, 1);
        if (previousMean != null && earlierMean != null) {
            double[] exp = new double[tasks];
            double sum = 0;
            for (int k = 0; k < tasks; k++) {
                exp[k] = Math.exp(previousMean[k] / Math.max(earlierMean[k], 1e-15) / temperature);
                sum += exp[k];
            }
            for (int k = 0; k < tasks; k++) {
                weights[k] = tasks * exp[k] / sum;
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

    private static double[] divide(double[] values, double by) {
        double[] out = values.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] /= by;
        }
        return out;
    }
}
