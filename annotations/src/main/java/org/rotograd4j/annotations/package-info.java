/**
 * Annotations that mark an existing DJL model class for multi-task training. Put {@link
 * org.rotograd4j.annotations.SharedBackbone} on the member that gives the shared network, {@link
 * org.rotograd4j.annotations.TaskHead} on each task's head (or {@link org.rotograd4j.annotations.TaskHeads}
 * on a factory of many similar heads) and, to train with RotoGrad, {@link org.rotograd4j.annotations.Rotate}
 * next to the backbone. The annotation processor checks the class at compile time and generates {@code
 * <Model>MultiTask} (the multi-task block and typed outputs) and {@code <Model>Trainer}.
 *
 * <p>The annotations are read at compile time only (class retention); nothing is read by reflection at run
 * time.
 */
package org.rotograd4j.annotations;
