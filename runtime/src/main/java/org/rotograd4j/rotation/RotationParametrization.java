package org.rotograd4j.rotation;

/** How the task rotations {@code R_k = B_k · expm(S(A_k))} are computed and learned. */
public enum RotationParametrization {
    /**
     * The authors' library (geotorch's {@code expm} trivialization at a fixed base): every step computes
     * {@code expm(S(A_k))} and back-propagates through it, {@code O(K·m³)} with a large constant. It
     * reproduces the reference implementation to 1e-9; the default.
     */
    EXPONENTIAL,
    /**
     * Dynamic trivialization (Lezcano-Casado, NeurIPS 2019): the same rotations, optimized in the
     * coordinates of a base that moves. Between base updates, rotations are applied to vectors through the
     * degree-3 series of {@code expm(S(A))}, which costs {@code O(K·N·m²)} for N rows and no {@code m×m}
     * product; every {@link TaskRotations.Builder#optBaseUpdateInterval few steps} the base takes the
     * rotation, {@code B ← B·expm(S(A))} exactly, and {@code A ← 0}. The base is re-orthogonalized when it
     * drifts. An optimizer on the same set of rotations, not the same numbers as {@link #EXPONENTIAL}.
     */
    TRIVIALIZED
}
