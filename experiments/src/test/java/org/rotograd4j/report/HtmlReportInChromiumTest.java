package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a reader sees it: opened by a real headless Chromium, whose DOM after loading is parsed
 * back with jsoup. Every table shows the values written, and every embedded image loaded in the browser at its
 * declared size. The browser is the executable named by the system property {@value #BROWSER_PROPERTY}, else
 * by the environment variable {@value #BROWSER_ENVIRONMENT}, else the first of {@link #BROWSER_NAMES} on the
 * {@code PATH}; where there is none the test is skipped, and {@link HtmlReportTest} still parses the report.
 */
class HtmlReportInChromiumTest {

    /** The system property naming the browser's executable. */
    static final String BROWSER_PROPERTY = "rotograd.chromium";
    /** The environment variable naming the browser's executable, when the property is not set. */
    static final String BROWSER_ENVIRONMENT = "ROTOGRAD_CHROMIUM";
    /** The executables looked for on the {@code PATH}, in this order. */
    static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    /** How long the browser may take to load the page and print its DOM. */
    private static final long BROWSER_TIMEOUT_SECONDS = 60;
    /**
     * Run once the page and its images have loaded: writes each image's decoded size into its
     * {@code data-natural-width} and {@code data-natural-height} attributes (0 for an image that failed).
     */
    private static final String IMAGE_PROBE = """
            <script>
            window.addEventListener('load', () => {
              for (const image of document.images) {
                image.dataset.naturalWidth = image.naturalWidth;
                image.dataset.naturalHeight = image.naturalHeight;
              }
            });
            </script>
            """;

    @Test
    void showsEveryTablesValuesAndLoadsEveryImageInChromium(@TempDir Path folder) throws IOException,
            InterruptedException {
        Optional<Path> browser = browser();
        Assumptions.assumeTrue(browser.isPresent(), "no Chromium: set " + BROWSER_PROPERTY + " or "
                + BROWSER_ENVIRONMENT + ", or put one of " + BROWSER_NAMES + " on the PATH");
        ResultsTable losses = new ResultsTable("Losses <per task> & \"seed\"", List.of("left", "right"))
                .addRow("Vanilla", Map.of("left", 0.25, "right", 1.5))
                .addRow("<b>RotoGrad</b>", Map.of("left", -0.000049));
        ResultsTable accuracies = new ResultsTable("Accuracy (%)", List.of("left_accuracy"))
                .addRow("Vanilla", Map.of("left_accuracy", 91.23456))
                .addRow("RotoGrad & \"Adam\"", Map.of("left_accuracy", Double.NaN));
        Figure oneTask = DeltaChart.of("Δ_k", Map.of("RotoGrad", Map.of("left", new double[] {2, 0.5})));
        Figure manyTasks = DeltaChart.of("Δ_k, many tasks", Map.of("RotoGrad", Map.of(
                "a", new double[] {1, 0}, "b", new double[] {-1, 1}, "c", new double[] {3, 2})));
        Path report = folder.resolve("report.html");
        new HtmlReport("toy: in a browser").addTable(losses).addFigure("one task", oneTask).addTable(accuracies)
                .addFigure("three tasks", manyTasks).write(report);

        Document rendered = Jsoup.parse(renderedDom(browser.get(), probed(report), folder));

        assertEquals("toy: in a browser", rendered.title());
        ReportPages.assertShows(rendered, losses);
        ReportPages.assertShows(rendered, accuracies);
        assertEquals(1, rendered.select("script").size(), "only the probe ran; the report's text stayed text");
        List<Element> images = rendered.select("img");
        assertEquals(2, images.size(), "both figures");
        for (Element image : images) {
            assertEquals(image.attr("width"), image.attr("data-natural-width"),
                    "decoded width of " + image.attr("alt"));
            assertEquals(image.attr("height"), image.attr("data-natural-height"),
                    "decoded height of " + image.attr("alt"));
        }
    }

    /**
     * Finds the browser.
     *
     * @return the executable named by the property or environment variable, which must then exist, else the
     *     first of {@link #BROWSER_NAMES} on the {@code PATH}; empty when there is none
     */
    private static Optional<Path> browser() {
        String named = Optional.ofNullable(System.getProperty(BROWSER_PROPERTY)).filter(name -> !name.isBlank())
                .orElse(System.getenv(BROWSER_ENVIRONMENT));
        if (named != null && !named.isBlank()) {
            Path executable = Path.of(named);
            assertTrue(Files.isExecutable(executable), "the browser named by " + BROWSER_PROPERTY + " or "
                    + BROWSER_ENVIRONMENT + " is not an executable: " + named);
            return Optional.of(executable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return BROWSER_NAMES.stream()
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).filter(folder -> !folder.isEmpty())
                        .map(folder -> Path.of(folder, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Writes a copy of a report with {@link #IMAGE_PROBE} inserted before {@code </body>}, its other bytes
     * unchanged.
     *
     * @param report the report
     * @return the copy, next to the report
     * @throws IOException if the report cannot be read or the copy written
     */
    private static Path probed(Path report) throws IOException {
        String html = Files.readString(report, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        assertTrue(end >= 0, "the report has no </body>");
        Path copy = report.resolveSibling("probed-" + report.getFileName());
        Files.writeString(copy, html.substring(0, end) + IMAGE_PROBE + html.substring(end), StandardCharsets.UTF_8);
        return copy;
    }

    /**
     * Opens a page in the headless browser, with a fresh profile, and returns its DOM once it has loaded.
     *
     * @param browser the browser's executable
     * @param page the page
     * @param folder where the profile, the DOM and the browser's log are written
     * @return the DOM as HTML
     * @throws IOException if the browser cannot be started or its output read
     * @throws InterruptedException if interrupted while waiting for the browser
     */
    private static String renderedDom(Path browser, Path page, Path folder) throws IOException, InterruptedException {
        List<String> command = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + folder.resolve("browser-profile"), "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString());
        Path dom = folder.resolve("dom.html");
        Path log = folder.resolve("browser.log");
        Process process = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile())
                .start();
        if (!process.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail("no DOM after " + BROWSER_TIMEOUT_SECONDS + " s from " + command + "\n" + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            fail("exit " + process.exitValue() + " from " + command + "\n" + Files.readString(log));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }
}
