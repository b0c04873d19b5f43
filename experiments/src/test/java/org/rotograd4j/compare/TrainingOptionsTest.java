package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.core.Linear;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MethodDescriptor;
import org.rotograd4j.method.Methods;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;

class TrainingOptionsTest {

    private static MultiTaskModel.Builder annotatedLike() {
        return MultiTaskModel.builder().setBackbone(Linear.builder().setUnits(8).build())
                .addTask(Task.of("a", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("a")))
                .optRotation(8, RotationInit.HAAR, 1);
    }

    @Test
    void rotationChoicesChangeTheModelOnlyWhenGiven() {
        MultiTaskModel kept = TrainingOptions.parse(new String[0], Map.of()).applyRotationChoices(annotatedLike()).build();
        assertEquals(RotationParametrization.EXPONENTIAL, kept.rotations().parametrization());
        assertEquals(1, kept.rotations().blocks());

        MultiTaskModel changed = TrainingOptions.parse(new String[] {"--rotation-parametrization", "trivialized",
                "--rotation-blocks", "4"}, Map.of()).applyRotationChoices(annotatedLike()).build();
        assertEquals(RotationParametrization.TRIVIALIZED, changed.rotations().parametrization());
        assertEquals(4, changed.rotations().blocks());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingOptions.parse(
                new String[] {"--rotation-parametrization", "cayley"}, Map.of()).applyRotationChoices(annotatedLike()));
        assertTrue(e.getMessage().contains("--rotation-parametrization") && e.getMessage().contains("cayley"),
                e.getMessage());
    }

    @Test
    void theUsageListsTheMethodsOfTheRegistry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.parse(new String[] {"--method", "cagrad"}, Map.of()));
        assertTrue(e.getMessage().startsWith("unknown option '--method'"), e.getMessage());
        for (MethodDescriptor method : Methods.all()) {
            assertTrue(e.getMessage().contains("\n  " + method.usage() + " "), method + " in " + e.getMessage());
        }
    }
}
