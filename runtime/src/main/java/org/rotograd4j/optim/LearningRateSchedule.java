package org.rotograd4j.optim;

/**
 * A learning rate as a function of the number of updates already made to a parameter, in double
 * precision.
 *
 * <p>RotoGrad converges when the rotations learn more slowly than the network and their rate decays
 * faster (paper §3.2, after Fiez et al.): use {@link #inverseDecay} for both with a larger power for the
 * rotations, or {@link #twoTimescale}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Returns the learning rate of the update that follows {@code updates} earlier ones.
     *
     * @param updates the number of updates already made, from 0
     * @return the learning rate
     */
    double rate(int updates);

    /**
     * A constant rate.
     *
     * @param rate the learning rate of every update; positive and finite
     * @return the schedule
     * @throws IllegalArgumentException when {@code rate} is not positive and finite
     */
    static LearningRateSchedule constant(double rate) {
        requirePositive(rate, "learning rate");
        return updates -> rate;
    }

    /**
     * {@code rate · factor^⌊updates / every⌋}: a step decay.
     *
     * @param rate the initial learning rate; positive and finite
     * @param factor what the rate is multiplied by at each decay, such as 0.1; positive and finite
     * @param every the number of updates between decays; positive
     * @return the schedule
     * @throws IllegalArgumentException when an argument is out of range
     */
    static LearningRateSchedule stepDecay(double rate, double factor, int every) {
        requirePositive(rate, "learning rate");
        requirePositive(factor, "decay factor");
        if (every <= 0) {
            throw new IllegalArgumentException("decay interval must be positive, got " + every);
        }
        return updates -> rate * Math.pow(factor, updates / every);
    }

    /**
     * {@code rate · gamma^updates}: an exponential decay (the authors' examples use gamma = 0.99999).
     *
     * @param rate the initial learning rate; positive and finite
     * @param gamma the factor per update; positive and finite
     * @return the schedule
     * @throws IllegalArgumentException when an argument is not positive and finite
     */
    static LearningRateSchedule exponentialDecay(double rate, double gamma) {
        requirePositive(rate, "learning rate");
        requirePositive(gamma, "decay factor");
        return updates -> rate * Math.pow(gamma, updates);
    }

    /**
     * {@code rate / (1 + decay·updates)^power}: the decay of two-timescale stochastic approximation.
     *
     * @param rate the initial learning rate; positive and finite
     * @param decay how fast the rate decays per update; 0 or more (0 keeps it constant)
     * @param power the decay's power; 0 or more (0 keeps it constant)
     * @return the schedule
     * @throws IllegalArgumentException when an argument is out of range
     */
    static LearningRateSchedule inverseDecay(double rate, double decay, double power) {
        requirePositive(rate, "learning rate");
        if (!(decay >= 0) || !(power >= 0)) {
            throw new IllegalArgumentException("decay and power must be >= 0, got " + decay + " and " + power);
        }
        return updates -> rate / Math.pow(1 + decay * updates, power);
    }

    /**
     * The rotations' schedule for a network trained at {@code inverseDecay(networkRate, decay, power)}:
     * the same shape with power {@code power + 0.5}, so the ratio of rotation to network rate goes to 0
     * as {@code 1/sqrt(decay·t)}.
     *
     * @param rotationRate the rotations' initial learning rate; positive and finite
     * @param decay the decay speed shared with the network's schedule; positive
     * @param networkPower the power of the network's schedule; 0 or more
     * @return the rotations' schedule
     * @throws IllegalArgumentException when an argument is out of range
     */
    static LearningRateSchedule twoTimescale(double rotationRate, double decay, double networkPower) {
        if (!(decay > 0)) {
            throw new IllegalArgumentException("a two-timescale schedule needs decay > 0, got " + decay);
        }
        return inverseDecay(rotationRate, decay, networkPower + 0.5);
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
    }
}
