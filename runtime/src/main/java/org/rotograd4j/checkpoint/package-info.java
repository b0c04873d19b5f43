/**
 * Checkpoint files and the state they carry. A {@link org.rotograd4j.checkpoint.CheckpointFile} is a
 * safetensors file whose tensors are the training's arrays and whose metadata holds the training state as
 * JSON with a SHA-256 checksum; it is written atomically and checked whole when read. Each part of the
 * training keeps its own named numbers in a {@link org.rotograd4j.checkpoint.SavedState}, and a {@link
 * org.rotograd4j.checkpoint.StateRestorer} validates a state before anything changes, so that a load that
 * fails with a {@link org.rotograd4j.checkpoint.CheckpointException} leaves the training as it was.
 *
 * <p>Parameters and return values are non-null unless marked {@link jakarta.annotation.Nullable @Nullable}.
 */
package org.rotograd4j.checkpoint;
