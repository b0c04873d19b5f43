package org.rotograd4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** Checks of an HTML report parsed with jsoup, for the tests of the report and of the comparison. */
public final class ReportPages {

    private ReportPages() {}

    /**
     * Checks that a parsed page shows a table: caption, header, row names and every value to the four decimals
     * shown.
     *
     * @param page the parsed page
     * @param table the table it should show
     */
    public static void assertShows(Document page, ResultsTable table) {
        Element shown = page.select("table").stream()
                .filter(element -> element.selectFirst("caption").text().equals(table.title()))
                .findFirst().orElseThrow(() -> new AssertionError("no table captioned " + table.title()));
        List<String> header = shown.select("thead th").stream().map(Element::text).toList();
        assertEquals("run", header.get(0));
        assertEquals(table.columns(), header.subList(1, header.size()));
        Elements rows = shown.select("tbody tr");
        assertEquals(table.rowNames(), rows.stream().map(row -> row.selectFirst("th").text()).toList());
        for (Element row : rows) {
            String name = row.selectFirst("th").text();
            List<String> cells = row.select("td").stream().map(Element::text).toList();
            for (int c = 0; c < table.columns().size(); c++) {
                double value = table.get(name, table.columns().get(c));
                if (Double.isNaN(value)) {
                    assertEquals("", cells.get(c), name);
                } else {
                    assertEquals(value, Double.parseDouble(cells.get(c)), 5e-5, name + " " + table.columns().get(c));
                }
            }
        }
    }

    /**
     * Decodes every image of a parsed page, which must all be embedded PNGs.
     *
     * @param page the parsed page
     * @return the images, in page order
     * @throws IOException if an image cannot be decoded
     */
    public static List<BufferedImage> embeddedImages(Document page) throws IOException {
        String prefix = "data:image/png;base64,";
        List<BufferedImage> images = new ArrayList<>();
        for (Element image : page.select("img")) {
            String source = image.attr("src");
            assertTrue(source.startsWith(prefix), "embedded, not linked: " + source.substring(0, 40));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    source.substring(prefix.length()))));
            assertEquals(Integer.parseInt(image.attr("width")), decoded.getWidth());
            assertEquals(Integer.parseInt(image.attr("height")), decoded.getHeight());
            images.add(decoded);
        }
        assertTrue(page.select("link, script[src], iframe").isEmpty(), "self-contained");
        return images;
    }
}
