/**
 * Comparing multi-task methods as the paper does: {@link org.rotograd4j.compare.MethodComparison} trains
 * one model per method and seed (and the single-task baselines) through a sample's runner and reports
 * task measures, relative improvements {@code Δ_k} and the time of steps, epochs and runs ({@link
 * org.rotograd4j.compare.RunTiming}); {@link org.rotograd4j.compare.TrainingOptions} is the picocli mixin of the
 * command-line options the samples share.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.compare;
