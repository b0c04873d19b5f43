package org.rotograd4j.samples.nyuv2;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A NumPy {@code .npy} array (format versions 1.0, 2.0 and 3.0), read into floats. The header is parsed
 * here: the magic string {@code \x93NUMPY}, the version, and the header dictionary with {@code 'descr'},
 * {@code 'fortran_order'} and {@code 'shape'}. Supported data: C order, little-endian {@code <f4}, {@code
 * <f8}, {@code <i8}, {@code <i4} and {@code |u1}. Big-endian data, Fortran order, other data types,
 * unparsable shapes, shapes whose size overflows and a data section of another length than the shape's are
 * rejected with an error naming the file, before the data is allocated.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The supported element types, by their NumPy {@code descr}. */
    public enum DType {
        /** {@code <f4}: float32. */
        FLOAT32("<f4", 4),
        /** {@code <f8}: float64. */
        FLOAT64("<f8", 8),
        /** {@code <i8}: int64. */
        INT64("<i8", 8),
        /** {@code <i4}: int32. */
        INT32("<i4", 4),
        /** {@code |u1}: uint8. */
        UINT8("|u1", 1);

        private final String descr;
        private final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        /** Returns NumPy's {@code descr} of the type. */
        public String descr() {
            return descr;
        }

        /** Returns the size of one element in bytes. */
        public int bytes() {
            return bytes;
        }

        static DType of(String descr, Path file) throws IOException {
            for (DType type : values()) {
                if (type.descr.equals(descr)) {
                    return type;
                }
            }
            if (descr.startsWith(">")) {
                throw new IOException(file + ": big-endian data ('" + descr + "') is not supported; convert it with "
                        + "numpy.save(path, array.astype('<" + descr.substring(1) + "'))");
            }
            throw new IOException(file + ": unsupported data type '" + descr + "'; supported: "
                    + Arrays.stream(values()).map(DType::descr).collect(Collectors.joining(", ")));
        }
    }

    /**
     * What a {@code .npy} header says.
     *
     * @param dtype the element type
     * @param shape the array's shape ({@code []} for a scalar)
     * @param dataOffset where the data starts in the file, in bytes
     */
    public record Header(DType dtype, List<Long> shape, long dataOffset) {

        /** Copies the shape. */
        public Header {
            shape = List.copyOf(shape);
        }

        /** Returns the number of elements: 0 when a dimension is 0, else the product of the dimensions. */
        public long count() {
            if (shape.contains(0L)) {
                return 0;
            }
            long count = 1;
            for (long dimension : shape) {
                count = Math.multiplyExact(count, dimension);
            }
            return count;
        }

        /** Returns the shape as Python prints it, such as {@code (288, 384, 3)}. */
        public String shapeText() {
            return shapeText(shape);
        }

        /** Returns a shape as Python prints it. */
        public static String shapeText(List<Long> shape) {
            return shape.size() == 1 ? "(" + shape.get(0) + ",)"
                    : shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    private final Header header;
    private final float[] values;

    private Npy(Header header, float[] values) {
        this.header = header;
        this.values = values;
    }

    /** Returns the header. */
    public Header header() {
        return header;
    }

    /** Returns the shape. */
    public List<Long> shape() {
        return header.shape();
    }

    /**
     * Returns the values in C order, as floats; integers are converted exactly up to 2^24 in magnitude.
     * The array is this object's own: do not change it.
     */
    public float[] values() {
        return values;
    }

    /**
     * Reads the header of a file and checks that the file holds exactly the data it announces.
     *
     * @param file the {@code .npy} file
     * @return the header
     * @throws IOException if the file cannot be read or is not a supported {@code .npy} file
     */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel);
        }
    }

    /**
     * Reads a whole file.
     *
     * @param file the {@code .npy} file
     * @return the array
     * @throws IOException if the file cannot be read or is not a supported {@code .npy} file
     */
    public static Npy read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, channel);
            long count = header.count();
            if (count > Integer.MAX_VALUE / header.dtype().bytes()) {
                throw new IOException(file + ": " + count + " elements are too many to read into one array");
            }
            ByteBuffer data = ByteBuffer.allocate((int) count * header.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(header.dataOffset());
            readFully(channel, data, file);
            data.flip();
            float[] values = new float[(int) count];
            switch (header.dtype()) {
                case FLOAT32 -> data.asFloatBuffer().get(values);
                case FLOAT64 -> {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) data.getDouble();
                    }
                }
                case INT64 -> {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = data.getLong();
                    }
                }
                case INT32 -> {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = data.getInt();
                    }
                }
                case UINT8 -> {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = data.get() & 0xff;
                    }
                }
                default -> throw new IllegalStateException("unhandled type " + header.dtype());
            }
            return new Npy(header, values);
        }
    }

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        ByteBuffer preamble = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, preamble, file);
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble.get(i) != MAGIC[i]) {
                throw new IOException(file + ": not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        int major = preamble.get(MAGIC.length) & 0xff;
        int minor = preamble.get(MAGIC.length + 1) & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new IOException(file + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, length, file);
        long headerLength = major == 1 ? length.getShort(0) & 0xffff : length.getInt(0) & 0xffffffffL;
        if (headerLength > 1 << 20) {
            throw new IOException(file + ": implausible .npy header length " + headerLength);
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        readFully(channel, text, file);
        String dictionary = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> fields = new HeaderParser(dictionary, file).dictionary();
        Object descr = field(fields, "descr", file);
        Object fortran = field(fields, "fortran_order", file);
        Object shape = field(fields, "shape", file);
        if (!(descr instanceof String type)) {
            throw new IOException(file + ": unsupported data type " + descr + " (structured arrays are not supported)");
        }
        if (!(fortran instanceof Boolean fortranOrder)) {
            throw new IOException(file + ": malformed .npy header: 'fortran_order' is " + fortran + ", not True/False");
        }
        if (!(shape instanceof List<?> dimensions)) {
            throw new IOException(file + ": malformed .npy header: 'shape' is " + shape + ", not a tuple");
        }
        DType dtype = DType.of(type, file);
        if (fortranOrder) {
            throw new IOException(file + ": Fortran-order arrays are not supported; save it in C order with "
                    + "numpy.save(path, numpy.ascontiguousarray(array))");
        }
        List<Long> sizes = new ArrayList<>();
        for (Object dimension : dimensions) {
            sizes.add((Long) dimension);
        }
        Header header = new Header(dtype, sizes, MAGIC.length + 2 + length.capacity() + headerLength);
        long expected = dataBytes(header, file);
        long actual = channel.size() - header.dataOffset();
        if (actual < expected) {
            throw new IOException(file + ": truncated: its header announces " + header.shapeText() + " " + type
                    + " values (" + expected + " bytes of data) but the file holds " + actual + " bytes of data");
        }
        if (actual > expected) {
            throw new IOException(file + ": " + (actual - expected) + " bytes more than its header announces ("
                    + header.shapeText() + " " + type + ")");
        }
        return header;
    }

    /** Returns the size of the data a header announces, or fails naming the file when it overflows a long. */
    private static long dataBytes(Header header, Path file) throws IOException {
        if (header.shape().contains(0L)) {
            return 0;
        }
        long bytes = header.dtype().bytes();
        for (long dimension : header.shape()) {
            if (bytes > Long.MAX_VALUE / dimension) {
                throw new IOException(file + ": impossible .npy header: shape " + header.shapeText() + " of "
                        + header.dtype().descr() + " values would take more than " + Long.MAX_VALUE + " bytes");
            }
            bytes *= dimension;
        }
        return bytes;
    }

    private static Object field(Map<String, Object> fields, String key, Path file) throws IOException {
        if (!fields.containsKey(key)) {
            throw new IOException(file + ": malformed .npy header: no '" + key + "' in " + fields.keySet());
        }
        return fields.get(key);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException(file + ": truncated .npy file (it ends inside its header or data)",
                        new EOFException());
            }
        }
    }

    /**
     * Parses the Python literal of a {@code .npy} header: a dictionary of quoted keys to strings, {@code
     * True}/{@code False} and tuples of integers.
     */
    private static final class HeaderParser {
        private final String text;
        private final Path file;
        private int at;

        HeaderParser(String text, Path file) {
            this.text = text;
            this.file = file;
        }

        Map<String, Object> dictionary() throws IOException {
            expect('{');
            Map<String, Object> fields = new LinkedHashMap<>();
            while (peek() != '}') {
                Object key = value();
                if (!(key instanceof String name)) {
                    throw malformed("a key is not a string");
                }
                expect(':');
                fields.put(name, value());
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw malformed("expected ',' or '}'");
                }
            }
            at++;
            return fields;
        }

        private Object value() throws IOException {
            char c = peek();
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, at + 1);
                if (end < 0) {
                    throw malformed("unterminated string");
                }
                String value = text.substring(at + 1, end);
                at = end + 1;
                return value;
            }
            if (c == '(') {
                at++;
                List<Long> values = new ArrayList<>();
                while (peek() != ')') {
                    values.add(integer());
                    if (peek() == ',') {
                        at++;
                    } else if (peek() != ')') {
                        throw malformed("expected ',' or ')' in a tuple");
                    }
                }
                at++;
                return values;
            }
            if (text.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (c == '[') {
                throw new IOException(file + ": unsupported data type (structured arrays are not supported)");
            }
            throw malformed("unexpected '" + c + "'");
        }

        private long integer() throws IOException {
            peek();
            int start = at;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (start == at) {
                throw malformed("a dimension is not a non-negative integer");
            }
            long value;
            try {
                value = Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw malformed("dimension " + text.substring(start, at) + " is larger than " + Long.MAX_VALUE);
            }
            if (at < text.length() && text.charAt(at) == 'L') {
                at++; // Python 2 wrote long integers with an L
            }
            return value;
        }

        private void expect(char c) throws IOException {
            if (peek() != c) {
                throw malformed("expected '" + c + "'");
            }
            at++;
        }

        /** Skips white space and returns the next character. */
        private char peek() throws IOException {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at >= text.length()) {
                throw malformed("unexpected end");
            }
            return text.charAt(at);
        }

        private IOException malformed(String why) {
            return new IOException(file + ": malformed .npy header (" + why + " at character " + at + "): "
                    + text.strip());
        }
    }
}
