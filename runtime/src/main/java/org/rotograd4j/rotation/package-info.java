/**
 * The task rotations of RotoGrad: {@link org.rotograd4j.rotation.TaskRotations} is the block of the K
 * rotations {@code R_k = B_k · expm(S(A_k))}, {@link org.rotograd4j.rotation.SubspaceRotation} says where
 * they act on the shared feature (the first m features, or channels at every position, see {@link
 * org.rotograd4j.rotation.FeatureAxis}) and computes the rotation loss, and {@link
 * org.rotograd4j.rotation.MatrixExponential} is the differentiable matrix exponential behind them.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.rotation;
