/**
 * Multi-task methods: how the per-task gradients {@code G_k} at the shared feature become the one gradient
 * the backbone receives. A {@link org.rotograd4j.method.MultiTaskMethod} gets a step's {@link
 * org.rotograd4j.method.TaskGradients} and returns a {@link org.rotograd4j.method.Combination}; its state
 * becomes permanent only once the step is applied, and goes into checkpoints.
 *
 * <p>RotoGrad and its parts ({@link org.rotograd4j.method.RotoGrad}, {@link
 * org.rotograd4j.method.RotateOnly}, {@link org.rotograd4j.method.RotoGradNorm}), the plain sum ({@link
 * org.rotograd4j.method.Vanilla}) and other methods from the literature (GradNorm, PCGrad, MGDA, IMTL-G,
 * GradDrop, uncertainty weighting, DWA, RLW, CAGrad, Aligned-MTL, FAMO, Nash-MTL) are here. Each declares a
 * {@link org.rotograd4j.method.MethodDescriptor} (names, {@link org.rotograd4j.method.Hyperparameter
 * hyperparameters}, paper, factory); {@link org.rotograd4j.method.Methods} lists them and parses specifications
 * such as {@code cagrad:0.5}. The methods that only weigh the Gram matrix of the task gradients implement
 * {@link org.rotograd4j.method.GramWeighting} through {@link org.rotograd4j.method.GramWeightedMethod}.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.method;
