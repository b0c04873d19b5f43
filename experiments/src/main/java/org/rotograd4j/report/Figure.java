package org.rotograd4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * A JFreeChart chart and the size to draw it at, drawn as a PNG for a file or for the HTML report. Drawing
 * needs no display: unless {@code java.awt.headless} is set, loading this class sets it to {@code true}.
 *
 * @param chart the chart
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record Figure(JFreeChart chart, int width, int height) {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Checks the size.
     *
     * @param chart the chart
     * @param width its width in pixels, positive
     * @param height its height in pixels, positive
     * @throws IllegalArgumentException when a side is not positive
     */
    public Figure {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a figure needs a positive size, got " + width + "x" + height);
        }
    }

    /**
     * Draws the chart.
     *
     * @return the PNG's bytes
     * @throws IOException if the image cannot be encoded
     */
    public byte[] png() throws IOException {
        return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
    }

    /**
     * Draws the chart into a file.
     *
     * @param file the PNG to write, replaced when it exists; its parent folders are created
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Files.write(ResultFiles.created(file), png());
    }
}
