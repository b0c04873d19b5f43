package org.rotograd4j;

import ai.djl.Device;
import ai.djl.engine.Engine;
import jakarta.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where to train: the first GPU when DJL's engine sees one, the CPU otherwise. The choice can be
 * overridden with the system property {@code rotograd.device} or the environment variable {@code
 * ROTOGRAD_DEVICE} ({@code cpu}, {@code gpu}, {@code gpu1}, ...), or in code with {@link #resolve(String)}.
 */
public final class Devices {

    private static final Logger LOGGER = LoggerFactory.getLogger(Devices.class);

    /** The system property that overrides the automatic choice. */
    public static final String PROPERTY = "rotograd.device";
    /** The environment variable that overrides the automatic choice. */
    public static final String ENVIRONMENT = "ROTOGRAD_DEVICE";

    private Devices() {}

    /**
     * Returns the device named by the property or environment variable, or the automatic choice.
     *
     * @return the device; the property wins over the environment variable
     * @throws IllegalArgumentException when the name is unknown or names a GPU that the engine does not see
     */
    public static Device preferred() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(ENVIRONMENT);
        }
        return resolve(name);
    }

    /**
     * Returns the named device, or the automatic choice when {@code name} is null, blank or {@code auto}.
     *
     * @param name {@code auto}, {@code cpu}, {@code gpu} or {@code gpuN}; null or blank for {@code auto}
     * @return the device
     * @throws IllegalArgumentException when the name is unknown, or names a GPU that the engine does not see
     */
    public static Device resolve(@Nullable String name) {
        Engine engine = Engine.getInstance();
        if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
            Device chosen = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            LOGGER.info("training on {} ({} sees {} GPU(s); set {} or {} to choose)", chosen, engine.getEngineName(),
                    engine.getGpuCount(), PROPERTY, ENVIRONMENT);
            return chosen;
        }
        Device device;
        try {
            device = Device.fromName(name.trim().toLowerCase(java.util.Locale.ROOT), engine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + name + "': use auto, cpu, gpu or gpuN", e);
        }
        if (device.isGpu() && device.getDeviceId() >= engine.getGpuCount()) {
            throw new IllegalArgumentException("device '" + name + "' was asked for, but " + engine.getEngineName()
                    + " sees " + engine.getGpuCount() + " GPU(s); use cpu or a CUDA build of PyTorch (README)");
        }
        return device;
    }
}
