package org.rotograd4j.processor.model;

import org.rotograd4j.annotations.TaskLoss;

/**
 * A task's loss: a standard one, or a custom one given by a method of the model.
 *
 * @param kind the loss
 * @param customMethod with {@link TaskLoss#CUSTOM}, the method that returns the loss; otherwise null
 */
public record LossSpec(TaskLoss kind, String customMethod) {}
