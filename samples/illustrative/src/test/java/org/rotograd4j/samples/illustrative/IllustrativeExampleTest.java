package org.rotograd4j.samples.illustrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import org.rotograd4j.method.RotoGrad;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.report.ResultFiles;
import org.rotograd4j.samples.illustrative.IllustrativeExample.Run;

class IllustrativeExampleTest {

    private static final int STEPS = IllustrativeExample.DEFAULT_STEPS;

    /** A start from which RotoGrad reaches both optima on both landscapes and Vanilla neither. */
    private static final int SEED_WHERE_ROTOGRAD_SUCCEEDS = 3;

    @ParameterizedTest
    @EnumSource(Landscape.class)
    void fromSeed3RotoGradReachesBothGlobalOptimaAndVanillaNeither(Landscape landscape) {
        Run vanilla = IllustrativeExample.train(landscape, new Vanilla(), STEPS, SEED_WHERE_ROTOGRAD_SUCCEEDS);
        Run rotoGrad = IllustrativeExample.train(landscape, new RotoGrad(), STEPS, SEED_WHERE_ROTOGRAD_SUCCEEDS);
        assertTrue(OptimumReach.reachedBoth(rotoGrad), "RotoGrad's final distances " + distances(rotoGrad));
        assertFalse(OptimumReach.reached(vanilla, 0) || OptimumReach.reached(vanilla, 1),
                "Vanilla's final distances " + distances(vanilla));
        assertArrayStartsEqual(vanilla.z()[0], rotoGrad.z()[0]);
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
    void mainWritesTheFigureAndOneRateRowPerLandscapeAndMethodAndOneRowPerStart(@TempDir Path folder)
            throws Exception {
        IllustrativeExample.main(new String[] {"--starts", "2", folder.toString(), "20"});
        Path png = folder.resolve("illustrative.png");
        assertTrue(Files.size(png) > 10_000, "figure size " + Files.size(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > image.getHeight(), "two rows of three panels");
        List<ResultFiles.Row> rates = ResultFiles.read(folder.resolve("illustrative-success.csv"));
        assertEquals(List.of("CONVEX/Vanilla", "CONVEX/RotoGrad", "NON_CONVEX/Vanilla", "NON_CONVEX/RotoGrad"),
                rates.stream().map(ResultFiles.Row::run).toList());
        for (ResultFiles.Row row : rates) {
            assertEquals(2, row.values().get("starts"), row.run());
        }
        assertEquals(8, ResultFiles.read(folder.resolve("illustrative-starts.json")).size());
    }

    @Test
    void aStartBelowOneIsRefusedNamingTheOption() {
        StringWriter errors = new StringWriter();
        CommandLine commandLine = new CommandLine(new IllustrativeExample());
        commandLine.setErr(new PrintWriter(errors));
        assertEquals(2, commandLine.execute("--starts", "0"));
        assertTrue(errors.toString().contains("--starts must be at least 1, not 0"), errors.toString());
    }

    private static String distances(Run run) {
        return OptimumReach.finalDistance(run, 0) + ", " + OptimumReach.finalDistance(run, 1);
    }

    private static void assertArrayStartsEqual(double[] a, double[] b) {
        assertEquals(a[0], b[0], 0, "both methods start from the same z");
        assertEquals(a[1], b[1], 0, "both methods start from the same z");
    }
}
