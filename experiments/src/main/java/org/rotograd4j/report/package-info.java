/**
 * Reporting results: {@link org.rotograd4j.report.ResultsTable} for the console, CSV and JSON, {@link
 * org.rotograd4j.report.RelativeImprovement} (the paper's {@code Δ_k}), and PNG charts drawn with the JDK
 * alone and no display: {@link org.rotograd4j.report.TrainingCurves} over {@link
 * org.rotograd4j.report.LineChart} and the grouped {@link org.rotograd4j.report.BarChart}.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.report;
