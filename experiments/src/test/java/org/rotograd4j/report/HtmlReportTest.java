package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report, parsed back with jsoup on every machine ({@link HtmlReportInChromiumTest} also opens it in a
 * browser where there is one): its tables hold the table's values, and every embedded image decodes to a
 * picture of the figure's size.
 */
class HtmlReportTest {

    @Test
    void showsTablesAndEmbedsFiguresThatDecode(@TempDir Path folder) throws IOException {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("a<b", 0.123456);
        row.put("x & \"y\"", Double.NaN);
        ResultsTable table = new ResultsTable("Runs <with> markup & quotes", List.of("a<b", "x & \"y\""))
                .addRow("<script>alert(1)</script>", row)
                .addRow("RotoGrad seed 1", Map.of("x & \"y\"", -42.5));
        Figure figure = DeltaChart.of("Δ_k", Map.of("Vanilla", Map.of("left", new double[] {1, 0.5})));
        Path file = folder.resolve("report/toy.html");
        new HtmlReport("toy: comparison").addParagraph("Two runs.").addTable(table).addFigure("Δ_k per task", figure)
                .write(file);

        Document page = Jsoup.parse(file.toFile(), StandardCharsets.UTF_8.name());
        assertEquals("toy: comparison", page.title());
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertTrue(page.select("script").isEmpty(), "text is escaped, never markup");
        ReportPages.assertShows(page, table);
        List<BufferedImage> images = ReportPages.embeddedImages(page);
        assertEquals(1, images.size());
        assertEquals(figure.width(), images.get(0).getWidth());
        assertEquals("Δ_k per task", page.selectFirst("figcaption").text());
    }
}
