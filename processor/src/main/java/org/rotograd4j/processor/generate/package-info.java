/**
 * Generates source files from a {@link org.rotograd4j.processor.model.ModelSpec}: {@code <Model>MultiTask}
 * and {@code <Model>Training}. Works on the plain model only.
 */
package org.rotograd4j.processor.generate;
