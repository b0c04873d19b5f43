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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rotograd4j.fit.EpochSummary;

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

        List<String[]> summary = csv(output.resolve("celeba-conv.csv"));
        assertEquals(List.of("run", "min_f1", "median_f1", "mean_f1", "std_f1", "hours"), List.of(summary.get(0)));
        assertEquals(List.of("vanilla seed 1", "rotograd seed 1"), summary.subList(1, 3).stream().map(r -> r[0]).toList());
        assertEquals(3, summary.size());

        List<String[]> runs = csv(output.resolve("celeba-conv-runs.csv"));
        List<String> header = List.of(runs.get(0));
        assertEquals(List.of("vanilla seed 1", "rotograd seed 1"), runs.subList(1, 3).stream().map(r -> r[0]).toList());
        for (int run = 1; run <= 2; run++) {
            double[] f1 = new double[40];
            for (int k = 0; k < 40; k++) {
                f1[k] = Double.parseDouble(runs.get(run)[header.indexOf(CelebAFixture.ATTRIBUTES.get(k) + "_f1")]);
                assertTrue(f1[k] >= 0 && f1[k] <= 100, "F1 in percent: " + f1[k]);
            }
            TaskStatistics statistics = TaskStatistics.of(f1);
            String[] row = summary.get(run);
            assertEquals(runs.get(run)[0], row[0]);
            assertEquals(statistics.min(), Double.parseDouble(row[1]), 1e-9, "min of " + row[0]);
            assertEquals(statistics.median(), Double.parseDouble(row[2]), 1e-9, "median of " + row[0]);
            assertEquals(statistics.mean(), Double.parseDouble(row[3]), 1e-9, "mean of " + row[0]);
            assertEquals(statistics.std(), Double.parseDouble(row[4]), 1e-9, "std of " + row[0]);
            double hours = Double.parseDouble(row[5]);
            assertTrue(hours > 0 && hours < 0.1, "hours " + hours);
            assertEquals("", runs.get(run)[header.indexOf("avg_delta")], "no Δ_k without single-task results");
        }
        assertTrue(!console.contains("Methods: median"), "no summary without Δ_k: " + console);

        String json = Files.readString(output.resolve("celeba-conv.json"));
        assertTrue(json.contains("\"run\": \"rotograd seed 1\", \"min_f1\": "), json);
        assertTrue(Files.isRegularFile(output.resolve("celeba-conv-runs.json")));
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
        List<String[]> runs = csv(output.resolve("celeba-conv-runs.csv"));
        List<String> header = List.of(runs.get(0));
        String[] vanilla = runs.get(1);
        double f1 = Double.parseDouble(vanilla[header.indexOf("Young_f1")]);
        assertEquals(100 * (f1 - 50) / 50, Double.parseDouble(vanilla[header.indexOf("delta_Young")]), 1e-6);
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
        List<String[]> runs = csv(output.resolve("celeba-conv-runs.csv"));
        assertEquals(List.of("single-task seed 1", "vanilla seed 1"), runs.subList(1, 3).stream().map(r -> r[0]).toList());
        List<String[]> table4 = csv(output.resolve("celeba-conv.csv"));
        assertEquals(2, table4.size(), "Table 4 has the multi-task runs only");
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
        Files.writeString(json, "[{\"run\": \"Vanilla seed 1\", \"a_f1\": 1}, {\"run\": \"single-task seed 1\", "
                + "\"a_f1\": 40.5, \"b_f1\": 60}]");
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
        IOException error = assertThrows(IOException.class, () -> CelebASample.run(new String[] {"--data", data.toString(),
            "--output", folder.resolve("out").toString(), "--image-size", "16"}));
        assertTrue(error.getMessage().contains(CelebAFiles.ATTRIBUTE_FILE + " line 2: the attributes are not the model's "
                + "tasks: attribute 34 is Curly_Hair in the file but Wavy_Hair in the model"), error.getMessage());
    }

    @Test
    void statisticsOverTasksAreTable4s() {
        TaskStatistics even = TaskStatistics.of(new double[] {4, 1, 3, 2});
        assertEquals(new TaskStatistics(1, 2.5, 2.5, Math.sqrt(1.25)), even);
        assertEquals(7, TaskStatistics.of(new double[] {9, 7, 1}).median());
        assertThrows(IllegalArgumentException.class, () -> TaskStatistics.of(new double[0]));
    }

    @Test
    void curvesSummarizeTheTasks() {
        EpochSummary epoch = new EpochSummary(1, Map.of("a", 1.0, "b", 3.0),
                Map.of("a_loss", 0.5, "a_f1", 0.2, "b_loss", 0.7, "b_f1", 0.6, "c_f1", 0.7), 2.0, 0);
        EpochSummary summary = CelebASample.overTasks(List.of(epoch)).get(0);
        assertEquals(Map.of("mean over tasks", 2.0), summary.trainLosses());
        assertEquals(20, summary.validation().get("min_f1"), 1e-9);
        assertEquals(60, summary.validation().get("median_f1"), 1e-9);
        assertEquals(50, summary.validation().get("mean_f1"), 1e-9);
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(",", -1));
        }
        return rows;
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
