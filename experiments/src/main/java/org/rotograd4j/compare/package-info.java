/**
 * Comparing multi-task methods as the paper does: {@link org.rotograd4j.compare.MethodComparison} trains
 * one model per method and seed (and the single-task baselines) through a sample's runner and reports
 * task measures, relative improvements {@code Δ_k} and time per step; {@link
 * org.rotograd4j.compare.TrainingOptions} reads the command-line options the samples share.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.compare;
