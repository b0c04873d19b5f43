/**
 * Reporting results: {@link org.rotograd4j.report.ResultsTable} for the console, {@link
 * org.rotograd4j.report.ResultFiles} writing and reading it as CSV (Apache Commons CSV) and JSON (Gson), {@link
 * org.rotograd4j.report.Measure} (a measure's direction and the paper's {@code Δ_k}), {@link
 * org.rotograd4j.report.Statistics}, JFreeChart figures ({@link org.rotograd4j.report.TrainingCurves}, {@link
 * org.rotograd4j.report.DeltaChart}) and the self-contained {@link org.rotograd4j.report.HtmlReport}.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.report;
