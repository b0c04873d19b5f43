package org.rotograd4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * One self-contained HTML page of results, built with jsoup: tables and figures, the figures embedded as PNG
 * data URIs, so that the single file opens in a browser offline and can be mailed or archived as it is.
 */
public final class HtmlReport {

    /** The page's style: readable tables whose numbers line up. */
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0 2em; font-size: 0.9em; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
            td { text-align: right; font-variant-numeric: tabular-nums; }
            th[scope=row] { text-align: left; font-weight: normal; }
            thead th { background: #f2f2f2; }
            figure { margin: 1em 0 2em; }
            img { max-width: 100%; height: auto; }
            """;

    private final Document document;

    /**
     * Starts an empty report.
     *
     * @param title the page's title and first heading
     */
    public HtmlReport(String title) {
        document = Document.createShell("");
        document.prependChild(new DocumentType("html", "", ""));
        document.outputSettings().charset(StandardCharsets.UTF_8);
        document.selectFirst("html").attr("lang", "en");
        document.head().appendElement("meta").attr("charset", "utf-8");
        document.title(title);
        document.head().appendElement("style").appendText(STYLE);
        document.body().appendElement("h1").text(title);
    }

    /**
     * Adds a paragraph of text.
     *
     * @param text the text, shown as it is (not interpreted as HTML)
     * @return this report
     */
    public HtmlReport addParagraph(String text) {
        document.body().appendElement("p").text(text);
        return this;
    }

    /**
     * Adds a table: its title as caption, a header row {@code run} and the columns, then one row per table
     * row, the row's name in a header cell and the values as {@link ResultsTable#cell} shows them.
     *
     * @param table the table
     * @return this report
     */
    public HtmlReport addTable(ResultsTable table) {
        Element element = document.body().appendElement("table");
        element.appendElement("caption").text(table.title());
        Element header = element.appendElement("thead").appendElement("tr");
        header.appendElement("th").attr("scope", "col").text(ResultFiles.RUN);
        table.columns().forEach(column -> header.appendElement("th").attr("scope", "col").text(column));
        Element body = element.appendElement("tbody");
        for (String row : table.rowNames()) {
            Element line = body.appendElement("tr");
            line.appendElement("th").attr("scope", "row").text(row);
            table.columns().forEach(column -> line.appendElement("td").text(table.cell(row, column)));
        }
        return this;
    }

    /**
     * Adds a figure, drawn as a PNG and embedded as a {@code data:image/png;base64} URI.
     *
     * @param caption the figure's caption and the image's alternative text
     * @param figure the chart and its size
     * @return this report
     * @throws IOException if the figure cannot be drawn
     */
    public HtmlReport addFigure(String caption, Figure figure) throws IOException {
        Element element = document.body().appendElement("figure");
        element.appendElement("img")
                .attr("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(figure.png()))
                .attr("alt", caption)
                .attr("width", Integer.toString(figure.width()))
                .attr("height", Integer.toString(figure.height()));
        element.appendElement("figcaption").text(caption);
        return this;
    }

    /**
     * Returns the page.
     *
     * @return the HTML text, a complete document
     */
    public String html() {
        return document.outerHtml();
    }

    /**
     * Writes the page.
     *
     * @param file the file to write, UTF-8, replaced when it exists; its parent folders are created
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(ResultFiles.created(file), html(), StandardCharsets.UTF_8);
    }
}
