/**
 * The plain description of an annotated model that the processor reads ({@code read}) and generates from
 * ({@code generate}). Nothing here refers to {@code javax.lang.model}.
 */
package org.rotograd4j.processor.model;
