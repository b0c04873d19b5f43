package org.rotograd4j.rotation;

/** How the fixed base {@code B_k} of each rotation {@code R_k = B_k · expm(S(A_k))} is chosen. */
public enum RotationInit {
    /**
     * A Haar-uniform random rotation in SO(m), as the authors' library does (through geotorch): the
     * rotations start at random orientations.
     */
    HAAR,
    /** The identity, so that {@code R_k = I} at the first step, as the paper describes. */
    IDENTITY
}
