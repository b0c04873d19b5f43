package org.rotograd4j.samples.illustrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.samples.illustrative.IllustrativeExample.Run;

class IllustrativeExampleTest {

    private static final int STEPS = IllustrativeExample.DEFAULT_STEPS;

    @Test
    void onTheConvexLandscapeRotoGradReachesBothOptimaAndVanillaNeither() {
        Run vanilla = IllustrativeExample.train(Landscape.CONVEX, new Vanilla(), STEPS);
        Run rotoGrad = IllustrativeExample.train(Landscape.CONVEX, new RotoGrad(), STEPS);
        assertTrue(IllustrativeExample.reachedBothOptima(rotoGrad, Landscape.CONVEX),
                "RotoGrad's final losses " + Arrays.toString(rotoGrad.finalLosses()));
        for (double loss : vanilla.finalLosses()) {
            assertTrue(loss - Landscape.CONVEX.minimum() > 4, "Vanilla settles between the optima: "
                    + Arrays.toString(vanilla.finalLosses()));
        }
        assertArrayStartsEqual(vanilla.z()[0], rotoGrad.z()[0]);
    }

    @Test
    void onTheNonConvexLandscapeRotoGradReachesBothGlobalOptimaWhereVanillaStaysInLocalOnes() {
        Run vanilla = IllustrativeExample.train(Landscape.NON_CONVEX, new Vanilla(), STEPS);
        Run rotoGrad = IllustrativeExample.train(Landscape.NON_CONVEX, new RotoGrad(), STEPS);
        assertTrue(IllustrativeExample.reachedBothOptima(rotoGrad, Landscape.NON_CONVEX),
                "RotoGrad's final losses " + Arrays.toString(rotoGrad.finalLosses()));
        for (double loss : vanilla.finalLosses()) {
            assertTrue(loss - Landscape.NON_CONVEX.minimum() > 5, "Vanilla is held in local optima: "
                    + Arrays.toString(vanilla.finalLosses()));
        }
    }

    @Test
    void bothFormsOfEachLandscapeAgree() {
        SplittableRandom random = new SplittableRandom(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Landscape landscape : Landscape.values()) {
                double[] u0 = random.doubles(50, -3, 3).toArray();
                double[] u1 = random.doubles(50, -3, 3).toArray();
                NDArray values = landscape.evaluate(manager.create(u0), manager.create(u1));
                for (int i = 0; i < u0.length; i++) {
                    assertEquals(landscape.value(u0[i], u1[i]), values.getDouble(i), 1e-12, landscape + " at " + i);
                }
                assertEquals(landscape.minimum(), landscape.value(1e-9, 1e-9), 1e-6, landscape + " minimum");
            }
        }
    }

    @Test
    void mainWritesTheFigure(@TempDir Path folder) throws Exception {
        IllustrativeExample.main(new String[] {folder.toString(), "20"});
        Path png = folder.resolve("illustrative.png");
        assertTrue(Files.size(png) > 10_000, "figure size " + Files.size(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > image.getHeight(), "two rows of three panels");
    }

    private static void assertArrayStartsEqual(double[] a, double[] b) {
        assertEquals(a[0], b[0], 0, "both methods start from the same z");
        assertEquals(a[1], b[1], 0, "both methods start from the same z");
    }
}
