package org.rotograd4j.samples.multimnist;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file as MNIST and Fashion-MNIST publish them, gzipped or not: unsigned-byte images ({@code
 * idx3}, magic 2051) or labels ({@code idx1}, magic 2049), big-endian dimensions.
 *
 * <p>Reading checks the file against its header before trusting it: the sizes it announces must be
 * positive and fit one array, the data must be exactly as long as announced (a raw file's size is compared
 * up front; a gzipped one is inflated in bounded steps, so a short stream fails after allocating little more
 * than it held), a gzipped file's checksum and length trailer must match, and labels must be classes 0-9.
 * Every error names the file.
 *
 * @param count the number of items
 * @param rows image rows (1 for labels)
 * @param columns image columns (1 for labels)
 * @param bytes the items' bytes, item after item
 */
public record IdxFile(int count, int rows, int columns, byte[] bytes) {

    private static final int IMAGES = 0x00000803;
    private static final int LABELS = 0x00000801;
    private static final int CLASSES = 10;
    /** The most bytes one array may hold on common JVMs. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** The first size of the data buffer. */
    private static final int FIRST_STEP = 1 << 16;
    /** The most the data buffer grows by at once. */
    private static final int LARGEST_STEP = 1 << 24;

    /** Reads an image file ({@code idx3-ubyte}). */
    public static IdxFile readImages(Path file) throws IOException {
        return read(file, IMAGES);
    }

    /** Reads a label file ({@code idx1-ubyte}) and checks that every label is a class from 0 to 9. */
    public static IdxFile readLabels(Path file) throws IOException {
        IdxFile labels = read(file, LABELS);
        for (int i = 0; i < labels.count; i++) {
            if (labels.label(i) >= CLASSES) {
                throw new IOException(file + ": label " + i + " is " + labels.label(i) + ", not a class from 0 to "
                        + (CLASSES - 1));
            }
        }
        return labels;
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
        String kind = expectedMagic == IMAGES ? "image" : "label";
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            boolean gzipped = isGzip(raw);
            InputStream in = gzipped ? new GZIPInputStream(raw) : raw;
            int headerBytes = expectedMagic == IMAGES ? 16 : 8;
            ByteBuffer header = ByteBuffer.allocate(headerBytes);
            int magicRead = in.readNBytes(header.array(), 0, 4);
            if (magicRead == 4 && header.getInt(0) != expectedMagic) {
                throw new IOException(file + ": not an IDX " + kind + " file (magic number " + header.getInt(0)
                        + ", expected " + expectedMagic + ")");
            }
            int headerRead = magicRead + in.readNBytes(header.array(), magicRead, headerBytes - magicRead);
            if (headerRead < headerBytes) {
                throw new IOException(file + ": truncated header: the " + (gzipped ? "gzipped data ends" : "file ends")
                        + " after " + headerRead + " of the " + headerBytes + " bytes of an IDX " + kind + " header");
            }
            long count = Integer.toUnsignedLong(header.getInt(4));
            long rows = expectedMagic == IMAGES ? Integer.toUnsignedLong(header.getInt(8)) : 1;
            long columns = expectedMagic == IMAGES ? Integer.toUnsignedLong(header.getInt(12)) : 1;
            String announced = expectedMagic == IMAGES ? count + " items of " + rows + "x" + columns : count + " labels";
            if (count == 0 || rows == 0 || columns == 0) {
                throw new IOException(file + ": invalid header: it announces " + announced);
            }
            if (!gzipped) {
                long fileData = Files.size(file) - headerBytes;
                if (count > fileData / rows / columns) {
                    throw new IOException(file + ": truncated, the header announces " + announced
                            + " but the file holds " + fileData + " bytes of data");
                }
                if (count * rows * columns < fileData) {
                    throw new IOException(file + ": " + (fileData - count * rows * columns)
                            + " bytes more than its header announces (" + announced + ")");
                }
            }
            if (count > MAX_BYTES / rows / columns) {
                throw new IOException(file + ": invalid header: it announces " + announced
                        + ", more bytes than one array holds");
            }
            byte[] bytes = readData(in, (int) (count * rows * columns), file, announced);
            if (in.read() >= 0) {
                throw new IOException(file + ": more data than its header announces (" + announced + ")");
            }
            return new IdxFile((int) count, (int) rows, (int) columns, bytes);
        } catch (ZipException e) {
            throw new IOException(file + ": damaged gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads {@code length} bytes, growing the buffer as the data comes (by what it holds, at most {@link
     * #LARGEST_STEP}), so that a stream shorter than announced fails having allocated no more than twice what
     * it held, or {@link #FIRST_STEP} bytes.
     */
    private static byte[] readData(InputStream in, int length, Path file, String announced) throws IOException {
        byte[] data = new byte[Math.min(length, FIRST_STEP)];
        int filled = 0;
        while (true) {
            int read = in.readNBytes(data, filled, data.length - filled);
            filled += read;
            if (filled == length) {
                return data;
            }
            if (filled < data.length) {
                throw new IOException(file + ": truncated, the header announces " + announced + " (" + length
                        + " bytes of data) but the data ends after " + filled);
            }
            data = Arrays.copyOf(data, (int) Math.min(length, (long) filled + Math.min(filled, LARGEST_STEP)));
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }
}
