package org.rotograd4j.samples.celeba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;
import org.rotograd4j.report.ResultFiles;

class CelebASampleTest {

    @TempDir
    Path folder;

    @Test
    void mainTrainsEachMethodAndWritesTable4() throws IOException {
        Path data = CelebAFixture.write(folder.resolve("data"));
        Path output = folder.resolve("out");
        String console = captureOut(() -> assertEquals(0, CelebASample.run(new String[] {"--data", data.toString(),
            "--output", output.toString(), "--image-size", "16", "--epochs", "1", "--batch-size", "4",
            "--methods", "vanilla,rotograd", "--seeds", "1", "--train-limit", "8", "--val-limit", "2"})));
        assertTrue(console.contains("CelebA: 8 train, 2 validation, 3 test images at 16x16"), console);
        assertTrue(console.contains("validation F1 (%) min"), console);

        List<ResultFiles.Row> summary = ResultFiles.read(output.resolve("celeba-conv.csv"));
        assertEquals(List.of("vanilla seed 1", "rotograd seed 1"), summary.stream().map(ResultFiles.Row::run).toList());
        assertEquals(List.of("min_f1", "median_f1", "mean_f1", "std_f1", "hours"),
                List.copyOf(summary.get(0).values().keySet()));

        List<ResultFiles.Row> runs = ResultFiles.read(output.resolve("celeba-conv-runs.csv"));
        assertEquals(List.of("vanilla seed 1", "rotograd seed 1"), runs.stream().map(ResultFiles.Row::run).toList());
        for (int run = 0; run < 2; run++) {
            double[] f1 = new double[40];
            for (int k = 0; k < 40; k++) {
                f1[k] = runs.get(run).values().get(CelebAFixture.ATTRIBUTES.get(k) + "_f1");
                assertTrue(f1[k] >= 0 && f1[k] <= 100, "F1 in percent: " + f1[k]);
            }
            Arrays.sort(f1);
            double mean = Arrays.stream(f1).average().orElseThrow();
            Map<String, Double> row = summary.get(run).values();
            String name = summary.get(run).run();
            assertEquals(f1[0], row.get("min_f1"), 1e-9, "min of " + name);
            assertEquals((f1[19] + f1[20]) / 2, row.get("median_f1"), 1e-9, "median of " + name);
            assertEquals(mean, row.get("mean_f1"), 1e-9, "mean of " + name);
            assertEquals(Math.sqrt(Arrays.stream(f1).map(v -> (v - mean) * (v - mean)).sum() / 40), row.get("std_f1"),
                    1e-9, "the population std of " + name);
            double hours = row.get("hours");
            assertTrue(hours > 0 && hours < 0.1, "hours " + hours);
            assertTrue(runs.get(run).values().get("avg_delta").isNaN(), "no Δ_k without single-task results");
        }
        assertTrue(!console.contains("Methods: median"), "no summary without Δ_k: " + console);

        assertEquals(summary, ResultFiles.read(output.resolve("celeba-conv.json")), "the JSON holds the same table");
        assertTrue(Files.isRegularFile(output.resolve("celeba-conv-runs.json")));
        assertTrue(Files.isRegularFile(output.resolve("celeba-conv-report.html")));
        assertTrue(Files.isRegularFile(output.resolve("celeba-conv-summary.csv")));
        BufferedImage curves = ImageIO.read(output.resolve("celeba-conv-curves.png").toFile());
        assertTrue(curves.getWidth() > 400 && curves.getHeight() > 300, "a figure of the curves");
    }

    @Test
    void singleTaskResultsFromAFileGiveDeltas() throws IOException {
        Path data = CelebAFixture.write(folder.resolve("data"));
        Path output = folder.resolve("out");
        Path baselines = folder.resolve("single.csv");
        Files.writeString(baselines, "run," + String.join(",", CelebAFixture.ATTRIBUTES.stream().map(t -> t + "_f1")
                .toList()) + "\nsingle-task seed 1," + String.join(",", Collections.nCopies(40, "50")) + "\n");
        String console = captureOut(() -> assertEquals(0, CelebASample.run(new String[] {"--data", data.toString(),
            "--output", output.toString(), "--image-size", "16", "--epochs", "1", "--batch-size", "4",
            "--methods", "vanilla", "--seeds", "1", "--train-limit", "4", "--val-limit", "0",
            "--single-task", baselines.toString()})));
        assertTrue(console.contains("Methods: median"), console);
        Map<String, Double> vanilla = ResultFiles.read(output.resolve("celeba-conv-runs.csv")).get(0).values();
        double f1 = vanilla.get("Young_f1");
        assertEquals(100 * (f1 - 50) / 50, vanilla.get("delta_Young"), 1e-6);
        assertTrue(Files.isRegularFile(output.resolve("celeba-conv-deltas.png")));
    }

    @Test
    void singleTaskModelsCanBeMeasured() throws IOException {
        Path data = CelebAFixture.write(folder.resolve("data"));
        Path output = folder.resolve("out");
        String console = captureOut(() -> assertEquals(0, CelebASample.run(new String[] {"--data", data.toString(),
            "--output", output.toString(), "--image-size", "16", "--epochs", "1", "--batch-size", "4",
            "--methods", "vanilla", "--seeds", "1", "--train-limit", "4", "--val-limit", "0",
            "--loader-threads", "0", "--single-task", "measure"})));
        assertTrue(console.contains("== single Young seed 1"), console);
        List<ResultFiles.Row> runs = ResultFiles.read(output.resolve("celeba-conv-runs.csv"));
        assertEquals(List.of("single-task seed 1", "vanilla seed 1"), runs.stream().map(ResultFiles.Row::run).toList());
        assertEquals(List.of("vanilla seed 1"), ResultFiles.read(output.resolve("celeba-conv.csv")).stream()
                .map(ResultFiles.Row::run).toList(), "Table 4 has the multi-task runs only");
    }

    @Test
    void singleTaskResultsAreReadFromCsvOrJson() throws IOException {
        List<String> tasks = List.of("a", "b");
        Path csv = folder.resolve("s.csv");
        Files.writeString(csv, "run,a_f1,b_f1,delta_a\nVanilla seed 1,1,2,3\nsingle-task seed 1,40,60,\n");
        assertEquals(Map.of("a_f1", 40.0, "b_f1", 60.0), CelebASample.readSingleTask(csv, tasks));
        Path plain = folder.resolve("p.csv");
        Files.writeString(plain, "b_f1,a_f1\n7,8\n");
        assertEquals(Map.of("a_f1", 8.0, "b_f1", 7.0), CelebASample.readSingleTask(plain, tasks));
        Path json = folder.resolve("s.json");
        Files.writeString(json, "{\"rows\": [{\"run\": \"Vanilla seed 1\", \"a_f1\": 1}, {\"run\": "
                + "\"single-task seed 1\", \"a_f1\": 40.5, \"b_f1\": 60}]}");
        assertEquals(Map.of("a_f1", 40.5, "b_f1", 60.0), CelebASample.readSingleTask(json, tasks));
        Path partial = folder.resolve("partial.json");
        Files.writeString(partial, "{\"a_f1\": 40}");
        IOException error = assertThrows(IOException.class, () -> CelebASample.readSingleTask(partial, tasks));
        assertTrue(error.getMessage().contains("b_f1"), error.getMessage());
    }

    @Test
    void withoutTheDataMainExplainsHowToGetItAndExitsWith2() throws IOException {
        String error = captureErr(() -> assertEquals(2, CelebASample.run(new String[] {"--data",
            folder.resolve("nothing").toString(), "--output", folder.resolve("out").toString()})));
        assertTrue(error.contains("missing: img_align_celeba/, list_attr_celeba.txt, list_eval_partition.txt"), error);
        assertTrue(error.contains("img_align_celeba.zip") && error.contains("kaggle"), error);
        assertTrue(Files.notExists(folder.resolve("out")));
    }

    @Test
    void badOptionsExitWith2() throws IOException {
        Path data = CelebAFixture.write(folder);
        List<String[]> bad = List.of(new String[] {"--model", "vgg"},
                new String[] {"--model", "resnet", "--image-size", "48"},
                new String[] {"--train-limit", "0"},
                new String[] {"--test-limit", "some"},
                new String[] {"--loader-threads", "-1"},
                new String[] {"--methods", "nosuch"},
                new String[] {"--methods", "vanilla,Vanilla"},
                new String[] {"--methods", "graddrop,graddrop:0"},
                new String[] {"--single-task", "nosuch.csv"},
                new String[] {"--colour", "red"});
        for (String[] options : bad) {
            String[] args = new String[options.length + 2];
            args[0] = "--data";
            args[1] = data.toString();
            System.arraycopy(options, 0, args, 2, options.length);
            String error = captureErr(() -> assertEquals(2, CelebASample.run(args), Arrays.toString(options)));
            assertTrue(!error.isBlank(), "explains " + Arrays.toString(options));
        }
    }

    @Test
    void attributesOtherThanTheModelsTasksAreRefused() throws IOException {
        Path data = CelebAFixture.write(folder);
        CelebAFixture.edit(data, CelebAFiles.ATTRIBUTE_FILE, text -> text.replace("Wavy_Hair", "Curly_Hair"));
        String error = captureErr(() -> assertEquals(1, CelebASample.run(new String[] {"--data", data.toString(),
            "--output", folder.resolve("out").toString(), "--image-size", "16"})));
        assertTrue(error.startsWith("error: ") && error.contains(CelebAFiles.ATTRIBUTE_FILE + " line 2: the attributes "
                + "are not the model's tasks: attribute 34 is Curly_Hair in the file but Wavy_Hair in the model"), error);
    }

    @Test
    void curvesSummarizeTheTasks() {
        EpochSummary epoch = new EpochSummary(1, Map.of("a", 1.0, "b", 3.0),
                Map.of("a_loss", 0.5, "a_f1", 0.2, "b_loss", 0.7, "b_f1", 0.6, "c_f1", 0.7), 2.0, 0, 0.5, List.of(0.1));
        EpochSummary summary = CelebASample.overTasks(List.of(epoch)).get(0);
        assertEquals(Map.of("mean over tasks", 2.0), summary.trainLosses());
        assertEquals(20, summary.validation().get("min_f1"), 1e-9);
        assertEquals(60, summary.validation().get("median_f1"), 1e-9);
        assertEquals(50, summary.validation().get("mean_f1"), 1e-9);
        assertEquals(List.of(epoch.seconds(), epoch.validationSeconds()), List.of(summary.seconds(),
                summary.validationSeconds()), "the timing is kept");
        assertEquals(epoch.stepSeconds(), summary.stepSeconds());
    }

    /** A test body that may throw. */
    private interface Body {
        void run() throws IOException;
    }

    private static String captureOut(Body body) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String captureErr(Body body) throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
