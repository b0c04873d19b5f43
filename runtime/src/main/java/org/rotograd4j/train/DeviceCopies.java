package org.rotograd4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The copies of the model's parameters on the other devices of a sharded step, kept by DJL's {@link
 * ParameterStore}: after the shards' backward passes their gradients are added into the parameters' own (on the
 * first device), which the trainer's optimizers then update, and the updated values are copied back out.
 *
 * <p>Registered as the store's {@link ParameterServer} when the batch is split over two or more distinct
 * devices; with one device (a device listed several times included) every shard uses the parameters themselves
 * and there is nothing to copy.
 */
final class DeviceCopies implements ParameterServer {

    private final boolean active;
    private final Map<String, NDArray[]> copies = new ConcurrentHashMap<>();
    private boolean discarding;

    private DeviceCopies(boolean active) {
        this.active = active;
    }

    /**
     * Makes the copies for a trainer's devices, registering them with its parameter store when they are needed.
     *
     * @param devices the devices of the shards, in order; empty for a one-device trainer
     * @param store the trainer's parameter store
     * @return the copies
     */
    static DeviceCopies register(List<Device> devices, ParameterStore store) {
        List<Device> distinct = devices.stream().distinct().toList();
        DeviceCopies copies = new DeviceCopies(distinct.size() > 1);
        if (copies.active) {
            store.setParameterServer(copies, distinct.toArray(Device[]::new));
        }
        return copies;
    }

    /**
     * Adds the gradients of every copy into the parameter's own and clears the copies' gradients.
     *
     * @param store the trainer's parameter store
     */
    void reduceGradients(ParameterStore store) {
        if (active) {
            discarding = false;
            store.updateAllParameters();
        }
    }

    /**
     * Clears the gradients of every copy, for a step that fails.
     *
     * @param store the trainer's parameter store
     */
    void discardGradients(ParameterStore store) {
        if (active) {
            discarding = true;
            store.updateAllParameters();
        }
    }

    /** Copies the parameters' values, just updated, to their copies on the other devices. */
    void copyParameters() {
        for (NDArray[] arrays : copies.values()) {
            for (int i = 1; i < arrays.length; i++) {
                arrays[0].copyTo(arrays[i]);
            }
        }
    }

    @Override
    public void init(String parameterId, NDArray[] value) {}

    @Override
    public void update(String parameterId, NDArray[] gradients, NDArray[] parameters) {
        copies.putIfAbsent(parameterId, parameters);
        for (int i = 1; i < parameters.length; i++) {
            if (!discarding) {
                try (NDArray moved = gradients[i].toDevice(parameters[0].getDevice(), true)) {
                    gradients[0].addi(moved);
                }
            }
            JniUtils.zeroGrad((PtNDArray) parameters[i]);
        }
    }

    @Override
    public void close() {}
}
