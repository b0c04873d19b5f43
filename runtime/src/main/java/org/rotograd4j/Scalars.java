package org.rotograd4j;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Arithmetic with Java numbers that is safe inside an autograd graph.
 *
 * <p>On the CPU, DJL's PyTorch engine turns a Java number into a tensor over a Java direct buffer and closes
 * it right after the operation ({@code x.mul(3.0)}). Autograd keeps that tensor for the backward pass
 * (products, quotients, maxima), but its memory belongs to the buffer, which the garbage collector frees:
 * a backward after a collection reads freed memory, and gradients turn NaN or silently wrong. The scalars
 * made here live in PyTorch's own memory, so they stay valid as long as the graph needs them. Use these
 * methods for every constant in a loss or in any computation that is differentiated.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * Returns a 0-dimensional array holding {@code value}, with the data type and device of {@code like}.
     *
     * @param like the array whose manager, data type and device the scalar takes
     * @param value the number to hold
     * @return a new scalar array in {@code like}'s manager, in PyTorch's own memory
     */
    public static NDArray of(NDArray like, double value) {
        return JniUtils.full((PtNDManager) like.getManager(), new Shape(), value, like.getDataType(),
                like.getDevice(), SparseFormat.DENSE);
    }

    /**
     * Returns {@code a · value}.
     *
     * @param a the array
     * @param value the factor
     * @return a new array shaped as {@code a}, in its manager
     */
    public static NDArray times(NDArray a, double value) {
        return a.mul(of(a, value));
    }

    /**
     * Returns {@code a / value}.
     *
     * @param a the array
     * @param value the divisor
     * @return a new array shaped as {@code a}, in its manager
     */
    public static NDArray dividedBy(NDArray a, double value) {
        return a.div(of(a, value));
    }

    /**
     * Returns {@code a + value}.
     *
     * @param a the array
     * @param value the number to add
     * @return a new array shaped as {@code a}, in its manager
     */
    public static NDArray plus(NDArray a, double value) {
        return a.add(of(a, value));
    }
}
