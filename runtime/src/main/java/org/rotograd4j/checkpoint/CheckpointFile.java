package org.rotograd4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint on disk: a <a href="https://github.com/huggingface/safetensors">safetensors</a> file whose
 * tensors are the training's arrays and whose metadata holds the training state as JSON and a SHA-256
 * checksum.
 *
 * <p>Layout: 8 bytes (little-endian length N), N bytes of JSON (the safetensors header: each tensor's dtype,
 * shape and byte range, and {@code __metadata__} with {@code format = rotograd4j-checkpoint}, {@code state} =
 * the JSON state, {@code sha256}), then the tensors' bytes, little-endian, one after the other. Any
 * safetensors reader opens it (Python: {@code safetensors.safe_open(path, "np")}, whose {@code metadata()}
 * shows the state). The state repeats every tensor's name, dtype and shape, and the checksum covers the
 * state's text and every tensor byte, so truncation, a flipped byte or a foreign file is detected before
 * anything is used.
 *
 * <p>{@link #write} is atomic: it writes a temporary file in the same folder, forces it to disk, then
 * renames it over the target, so that a crash at any point leaves either the previous file or the new one.
 */
public final class CheckpointFile {

    /** The value of {@code __metadata__.format}. */
    public static final String FORMAT = "rotograd4j-checkpoint";

    private static final String METADATA = "__metadata__";
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int HEADER_ALIGNMENT = 8;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().serializeNulls().disableHtmlEscaping()
            .create();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final JsonObject state;
    private final Map<String, StoredTensor> tensors;

    private CheckpointFile(Path file, JsonObject state, Map<String, StoredTensor> tensors) {
        this.file = file;
        this.state = state;
        this.tensors = tensors;
    }

    /**
     * A tensor as the file holds it.
     *
     * @param name the tensor's name
     * @param dataType its data type
     * @param shape its shape
     * @param data its bytes, little-endian (a read-only view)
     */
    public record StoredTensor(String name, DataType dataType, Shape shape, ByteBuffer data) {

        /**
         * Copies the tensor into an array of {@code manager}, in PyTorch's own memory.
         *
         * @param manager where the array lives
         * @return the new array
         */
        public NDArray toArray(NDManager manager) {
            ByteBuffer direct = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
            direct.put(data.duplicate().order(ByteOrder.LITTLE_ENDIAN)).flip();
            try (NDArray overJavaMemory = manager.create(direct, shape, dataType)) {
                return overJavaMemory.duplicate();
            }
        }
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param file where to write it; its folder is created when missing
     * @param state the training state, JSON; a {@code tensors} list describing the arrays is added to it
     * @param arrays the arrays by name, in the order they are stored
     * @throws IOException if the file cannot be written; the previous file at {@code file} is then unchanged
     */
    public static void write(Path file, JsonObject state, Map<String, NDArray> arrays) throws IOException {
        JsonObject fullState = state.deepCopy();
        JsonArray table = new JsonArray();
        JsonObject header = new JsonObject();
        List<ByteBuffer> data = new ArrayList<>(arrays.size());
        long offset = 0;
        for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
            NDArray array = entry.getValue();
            ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.nativeOrder());
            if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                throw new IOException("checkpoints are written on little-endian machines only");
            }
            JsonObject description = describe(entry.getKey(), array.getDataType(), array.getShape());
            table.add(description);
            JsonObject tensor = new JsonObject();
            tensor.addProperty("dtype", array.getDataType().asSafetensors());
            tensor.add("shape", description.get("shape"));
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes.remaining());
            tensor.add("data_offsets", offsets);
            header.add(entry.getKey(), tensor);
            offset += bytes.remaining();
            data.add(bytes);
        }
        fullState.add("tensors", table);
        String stateText = GSON.toJson(fullState);

        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", FORMAT);
        metadata.addProperty("state", stateText);
        metadata.addProperty("sha256", checksum(stateText, data));
        JsonObject ordered = new JsonObject();
        ordered.add(METADATA, metadata);
        header.entrySet().forEach(e -> ordered.add(e.getKey(), e.getValue()));
        byte[] headerBytes = pad(GSON.toJson(ordered).getBytes(StandardCharsets.UTF_8));

        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: its files are private (rw-------), a checkpoint gets the usual permissions.
        Path temporary = folder.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                prefix.putLong(headerBytes.length).flip();
                writeFully(channel, prefix);
                writeFully(channel, ByteBuffer.wrap(headerBytes));
                for (ByteBuffer bytes : data) {
                    writeFully(channel, bytes.duplicate());
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
            moved = true;
            forceFolder(folder);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Reads and checks a whole checkpoint: its layout, its checksum, and that its state describes exactly
     * the tensors it holds.
     *
     * @param file the checkpoint
     * @return the checkpoint's state and tensors
     * @throws CheckpointException naming the file and what is wrong with it
     * @throws IOException if the file cannot be read
     */
    public static CheckpointFile read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file", e);
        }
        if (size < 8) {
            throw new CheckpointException(file, "the file has " + size + " bytes, too few for a checkpoint (truncated?)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer prefix = readFully(channel, 0, 8, file);
            long headerLength = prefix.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new CheckpointException(file, "the header announces " + headerLength + " bytes but the file has "
                        + size + " bytes: not a checkpoint, or truncated");
            }
            ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength, file);
            JsonObject header = parseObject(StandardCharsets.UTF_8.decode(headerBytes).toString(), file, "header");
            JsonObject metadata = header.has(METADATA) && header.get(METADATA).isJsonObject()
                    ? header.getAsJsonObject(METADATA) : new JsonObject();
            if (!FORMAT.equals(string(metadata, "format"))) {
                throw new CheckpointException(file, "not a RotoGrad4J checkpoint (its metadata has no format '" + FORMAT
                        + "')");
            }
            String stateText = string(metadata, "state");
            String expectedChecksum = string(metadata, "sha256");
            if (stateText == null || expectedChecksum == null) {
                throw new CheckpointException(file, "the metadata lacks the state or the checksum (damaged?)");
            }
            long dataLength = size - 8 - headerLength;
            if (dataLength > Integer.MAX_VALUE) {
                throw new CheckpointException(file, "checkpoints of more than 2 GiB of tensors are not supported");
            }
            ByteBuffer data = readFully(channel, 8 + headerLength, (int) dataLength, file);
            String actualChecksum = checksum(stateText, List.of(data.duplicate()));
            Map<String, StoredTensor> tensors = tensors(header, data, file);
            if (!actualChecksum.equals(expectedChecksum)) {
                throw new CheckpointException(file, "checksum mismatch: the file is damaged (expected sha256 "
                        + expectedChecksum + ", computed " + actualChecksum + ")");
            }
            JsonObject state = parseObject(stateText, file, "state");
            checkTable(state, tensors, file);
            return new CheckpointFile(file, state, Collections.unmodifiableMap(tensors));
        }
    }

    /**
     * Returns the file this checkpoint was read from.
     *
     * @return the path given to {@link #read}
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the training state, with the {@code tensors} list that describes each stored tensor.
     *
     * @return a deep copy, free to change
     */
    public JsonObject state() {
        return state.deepCopy();
    }

    /**
     * Returns the tensors by name, in the order they are stored.
     *
     * @return an unmodifiable map; empty when the checkpoint holds no tensors
     */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /**
     * Returns the JSON text of an element as checkpoints write it: doubles round-trip exactly, NaN and
     * infinities are kept, and nulls are written.
     *
     * @param element the JSON element
     * @return its compact JSON text
     */
    public static String toJson(JsonElement element) {
        return GSON.toJson(element);
    }

    private static JsonObject describe(String name, DataType dataType, Shape shape) {
        JsonObject description = new JsonObject();
        description.addProperty("name", name);
        description.addProperty("dtype", dataType.asSafetensors());
        JsonArray dims = new JsonArray();
        for (long dim : shape.getShape()) {
            dims.add(dim);
        }
        description.add("shape", dims);
        return description;
    }

    private static Map<String, StoredTensor> tensors(JsonObject header, ByteBuffer data, Path file)
            throws CheckpointException {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        long expectedBegin = 0;
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (entry.getKey().equals(METADATA)) {
                continue;
            }
            String name = entry.getKey();
            try {
                JsonObject tensor = entry.getValue().getAsJsonObject();
                DataType dataType = DataType.fromSafetensors(tensor.get("dtype").getAsString());
                JsonArray dims = tensor.getAsJsonArray("shape");
                long[] shape = new long[dims.size()];
                long elements = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                    if (shape[i] < 0) {
                        throw new CheckpointException(file, "tensor '" + name + "' has a negative dimension");
                    }
                    elements = Math.multiplyExact(elements, shape[i]);
                }
                JsonArray offsets = tensor.getAsJsonArray("data_offsets");
                long begin = offsets.get(0).getAsLong();
                long end = offsets.get(1).getAsLong();
                long bytes = Math.multiplyExact(elements, (long) dataType.getNumOfBytes());
                if (begin != expectedBegin || end - begin != bytes || end > data.capacity()) {
                    throw new CheckpointException(file, "tensor '" + name + "' should take bytes " + expectedBegin + " to "
                            + (expectedBegin + bytes) + " of the data, the header says " + begin + " to " + end
                            + " and the data has " + data.capacity() + " bytes (truncated or damaged)");
                }
                ByteBuffer slice = data.duplicate().position((int) begin).limit((int) end).slice()
                        .order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer();
                tensors.put(name, new StoredTensor(name, dataType, new Shape(shape), slice));
                expectedBegin = end;
            } catch (RuntimeException e) {
                throw new CheckpointException(file, "the header's entry for tensor '" + name + "' is malformed: " + e, e);
            }
        }
        if (expectedBegin != data.capacity()) {
            throw new CheckpointException(file, "the tensors take " + expectedBegin + " bytes but the data has "
                    + data.capacity() + " (damaged)");
        }
        return tensors;
    }

    /** Checks that the state's list of tensors (covered by the checksum) matches the header's. */
    private static void checkTable(JsonObject state, Map<String, StoredTensor> tensors, Path file)
            throws CheckpointException {
        JsonArray table = state.has("tensors") && state.get("tensors").isJsonArray() ? state.getAsJsonArray("tensors")
                : new JsonArray();
        List<String> listed = new ArrayList<>();
        for (JsonElement element : table) {
            JsonObject description = element.getAsJsonObject();
            String name = description.get("name").getAsString();
            listed.add(name);
            StoredTensor tensor = tensors.get(name);
            if (tensor == null || !describe(name, tensor.dataType(), tensor.shape()).equals(description)) {
                throw new CheckpointException(file, "the header's tensor '" + name + "' does not match the state's "
                        + "description " + description + " (damaged)");
            }
        }
        if (!listed.equals(new ArrayList<>(tensors.keySet()))) {
            throw new CheckpointException(file, "the header holds tensors " + tensors.keySet() + " but the state lists "
                    + listed + " (damaged)");
        }
    }

    private static String checksum(String stateText, List<ByteBuffer> data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        digest.update(stateText.getBytes(StandardCharsets.UTF_8));
        for (ByteBuffer bytes : data) {
            digest.update(bytes.duplicate());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static JsonObject parseObject(String text, Path file, String what) throws CheckpointException {
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new CheckpointException(file, "the " + what + " is not a JSON object (damaged?)");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CheckpointException(file, "the " + what + " is not valid JSON (damaged?): " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    private static byte[] pad(byte[] header) {
        int padded = (header.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        byte[] out = Arrays.copyOf(header, padded);
        Arrays.fill(out, header.length, padded, (byte) ' ');
        return out;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(file, "the file ended after " + (position + buffer.position())
                        + " bytes (truncated)");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes the rename durable: fsync of the folder, where the platform allows it. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a folder; the rename itself is still atomic.
        }
    }
}
