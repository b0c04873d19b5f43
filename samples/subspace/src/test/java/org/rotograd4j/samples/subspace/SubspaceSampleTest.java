package org.rotograd4j.samples.subspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.report.ResultFiles;

/** The sample end to end on a generated CIFAR-10 release: a few images, one epoch, two rotation sizes. */
class SubspaceSampleTest {

    @TempDir
    Path folder;

    @Test
    void trainsOnGeneratedCifarFilesAndWritesTable1AndFigure4() throws IOException {
        Path data = Cifar10Fixture.release(folder.resolve("data"), 2, 4);
        Path output = folder.resolve("out");
        String console = captureOut(() -> assertEquals(0, SubspaceSample.run(new String[] {"--dataset", "cifar10",
            "--data", data.toString(), "--output", output.toString(), "--shrink", "4", "--narrow", "--epochs", "1",
            "--batch-size", "5", "--methods", "vanilla,rotograd", "--seeds", "1", "--rotation-sizes", "8,16"})));
        assertTrue(console.contains("CIFAR10 from " + data + ": 10 of 10 training and 4 of 4 test images, 3x8x8, "
                + "1 epochs of batches of 5, ResNet-18 at a quarter of its width (d = 128)"), console);
        assertTrue(console.contains("Table 1 (CIFAR10, m = [8, 16])"), console);

        List<ResultFiles.Row> table1 = ResultFiles.read(output.resolve("subspace-summary.csv"));
        assertEquals(List.of("vanilla", "rotograd m=8", "rotograd m=16"),
                table1.stream().map(ResultFiles.Row::run).toList());
        assertEquals(8.0, table1.get(1).values().get("m"));
        assertEquals(16.0, table1.get(2).values().get("m"));
        List<ResultFiles.Row> runs = ResultFiles.read(output.resolve("subspace-runs.csv"));
        assertEquals(List.of("single-task seed 1", "vanilla seed 1", "rotograd m=8 seed 1", "rotograd m=16 seed 1"),
                runs.stream().map(ResultFiles.Row::run).toList(), "single-task models trained once for both sizes");
        for (ResultFiles.Row run : runs) {
            for (String task : OneVsRest.TASKS) {
                double f1 = run.values().get(task + "_f1");
                assertTrue(f1 >= 0 && f1 <= 100, run.run() + ": F1 in percent: " + f1);
            }
        }
        for (String file : List.of("subspace-deltas.png", "subspace-curves.png", "subspace-report.html",
                "subspace-summary.json", "subspace-runs.json")) {
            assertTrue(Files.size(output.resolve(file)) > 0, file);
        }
    }

    @Test
    void aMissingReleaseIsAnErrorThatSaysWhereToGetIt() {
        String err = captureErr(() -> assertEquals(1, SubspaceSample.run(new String[] {"--dataset", "cifar10",
            "--data", folder.toString(), "--output", folder.resolve("out").toString()})));
        assertTrue(err.contains("data_batch_1.bin: no such CIFAR-10 batch file"), err);
        assertTrue(err.contains("cifar-10-binary.tar.gz"), err);
    }

    @Test
    void aRotationSizeAboveTheFeaturesIsABadOption() {
        String err = captureErr(() -> assertEquals(2, SubspaceSample.run(new String[] {"--dataset", "cifar10",
            "--data", folder.toString(), "--rotation-sizes", "64,1024"})));
        assertTrue(err.contains("--rotation-sizes: 1024 is not a size from 1 to 512, the shared features"), err);
    }

    private static String captureOut(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String captureErr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
