/**
 * Reads an annotated class into a {@link org.rotograd4j.processor.model.ModelSpec}, reporting every mistake
 * with a stable {@link org.rotograd4j.processor.read.ErrorId} on the exact element or annotation value.
 */
package org.rotograd4j.processor.read;
