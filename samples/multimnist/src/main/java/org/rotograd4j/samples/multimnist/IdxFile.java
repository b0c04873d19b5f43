package org.rotograd4j.samples.multimnist;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file as MNIST and Fashion-MNIST publish them, gzipped or not: unsigned-byte images ({@code
 * idx3}, magic 2051) or labels ({@code idx1}, magic 2049), big-endian dimensions.
 *
 * @param count the number of items
 * @param rows image rows (1 for labels)
 * @param columns image columns (1 for labels)
 * @param bytes the items' bytes, item after item
 */
public record IdxFile(int count, int rows, int columns, byte[] bytes) {

    private static final int IMAGES = 0x00000803;
    private static final int LABELS = 0x00000801;

    /** Reads an image file ({@code idx3-ubyte}). */
    public static IdxFile readImages(Path file) throws IOException {
        return read(file, IMAGES);
    }

    /** Reads a label file ({@code idx1-ubyte}). */
    public static IdxFile readLabels(Path file) throws IOException {
        return read(file, LABELS);
    }

    /** Returns the value of item {@code i} at {@code (row, column)}, in [0, 255]. */
    public int at(int i, int row, int column) {
        return bytes[(i * rows + row) * columns + column] & 0xff;
    }

    /** Returns label {@code i}. */
    public int label(int i) {
        return bytes[i] & 0xff;
    }

    private static IdxFile read(Path file, int expectedMagic) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(gunzipIfNeeded(raw))) {
            int magic = in.readInt();
            if (magic != expectedMagic) {
                throw new IOException(file + ": not an IDX " + (expectedMagic == IMAGES ? "image" : "label")
                        + " file (magic number " + magic + ", expected " + expectedMagic + ")");
            }
            int count = in.readInt();
            int rows = expectedMagic == IMAGES ? in.readInt() : 1;
            int columns = expectedMagic == IMAGES ? in.readInt() : 1;
            if (count < 0 || rows <= 0 || columns <= 0) {
                throw new IOException(file + ": invalid dimensions " + count + "x" + rows + "x" + columns);
            }
            byte[] bytes = new byte[Math.multiplyExact(count, rows * columns)];
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated, the header announces " + count + " items of " + rows
                        + "x" + columns, e);
            }
            return new IdxFile(count, rows, columns, bytes);
        }
    }

    private static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }
}
