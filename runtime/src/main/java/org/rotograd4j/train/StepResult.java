package org.rotograd4j.train;

/**
 * What one training step did.
 *
 * @param step the 0-based index of the step
 * @param losses the raw task losses {@code L_k} (times the task's loss weight)
 * @param normalizedLosses {@code L_k / L_k^0}
 * @param rotationLosses the rotation losses, empty when the rotations did not learn
 * @param taskWeights the factor the method gave each task gradient {@code G_k}
 * @param skipped whether the step was skipped for a non-finite value (see {@link NonFinitePolicy#SKIP})
 */
public record StepResult(
        int step,
        double[] losses,
        double[] normalizedLosses,
        double[] rotationLosses,
        double[] taskWeights,
        boolean skipped) {

    static StepResult skipped(int step, int numTasks) {
        double[] nan = new double[numTasks];
        java.util.Arrays.fill(nan, Double.NaN);
        return new StepResult(step, nan, nan, new double[0], nan, true);
    }

    /**
     * Returns the sum of the raw task losses.
     *
     * @return {@code Σ_k L_k}; NaN for a skipped step
     */
    public double totalLoss() {
        double sum = 0;
        for (double loss : losses) {
            sum += loss;
        }
        return sum;
    }
}
