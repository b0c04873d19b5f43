/**
 * The common task losses (mean squared and absolute error, softmax and sigmoid cross-entropy) as DJL
 * {@link ai.djl.training.loss.Loss}es that keep no Java-number operand in the autograd graph; see {@link
 * org.rotograd4j.Scalars} for why that matters. Each returns the mean over the batch.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.loss;
