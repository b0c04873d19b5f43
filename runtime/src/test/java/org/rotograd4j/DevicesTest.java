package org.rotograd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void automaticChoiceFollowsTheGpusTheEngineSees() {
        Device expected = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        assertEquals(expected, Devices.resolve(null));
        assertEquals(expected, Devices.resolve("auto"));
    }

    @Test
    void overridesAreHonouredAndUnknownDevicesRejected() {
        assertEquals(Device.cpu(), Devices.resolve("CPU"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Devices.resolve("gpu" + Engine.getInstance().getGpuCount()));
        assertTrue(e.getMessage().contains("GPU(s)"), e.getMessage());
    }
}
