package org.rotograd4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The intermediate values of one training step, copied to Java arrays: for debugging gradient conflicts
 * and for checking the algorithm against the reference implementation. Recording costs a copy per value;
 * pass a trace to {@link BatchTrainer#step(ai.djl.ndarray.NDList, java.util.List, StepTrace)} only
 * when you need it.
 *
 * <p>Keys, with {@code k} the task index: {@code z}; {@code prediction/k}; {@code grad_z/k} ({@code
 * G_k}); {@code grad_r/k} ({@code ∂L_k/∂r_k}); {@code rotation/k} ({@code R_k} used in the step);
 * {@code target} ({@code v}); {@code backbone_grad} (the combined gradient at z); {@code param_grad/NAME}
 * for every trained parameter, before the update.
 */
public final class StepTrace {

    private final Map<String, double[]> values = new LinkedHashMap<>();

    void put(String key, NDArray array) {
        values.put(key, array.toType(DataType.FLOAT64, false).toDoubleArray());
    }

    /**
     * Returns a recorded value.
     *
     * @param key the value's key, such as {@code grad_z/0}
     * @return the value's entries as doubles, row-major (the trace's own array: do not change it)
     * @throws IllegalArgumentException when the step did not record that key
     */
    public double[] get(String key) {
        double[] value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no value '" + key + "' in this trace; it has " + values.keySet());
        }
        return value;
    }

    /**
     * Returns the recorded keys.
     *
     * @return an unmodifiable view, in recording order; empty before the trace is passed to a step
     */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }
}
