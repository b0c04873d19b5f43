package org.rotograd4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    private static Path writeExample(NDManager manager, Path file) throws Exception {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("model/weight", manager.create(new float[] {1.5f, -0.0f, Float.MIN_VALUE, 3}, new Shape(2, 2)));
        arrays.put("model/bias", manager.create(new double[] {Math.PI, -1e300, 7}));
        JsonObject state = new JsonObject();
        state.addProperty("steps", 42);
        CheckpointFile.write(file, state, arrays);
        return file;
    }

    @Test
    void writesASafetensorsFileThatReadsBackExactly(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = writeExample(manager, folder.resolve("a.safetensors"));
            CheckpointFile checkpoint = CheckpointFile.read(file);
            assertEquals(42, checkpoint.state().get("steps").getAsInt());
            assertEquals(java.util.List.of("model/weight", "model/bias"), java.util.List.copyOf(checkpoint.tensors().keySet()));
            NDArray weight = checkpoint.tensors().get("model/weight").toArray(manager);
            assertEquals(new Shape(2, 2), weight.getShape());
            assertArrayEquals(new float[] {1.5f, -0.0f, Float.MIN_VALUE, 3}, weight.toFloatArray());
            NDArray bias = checkpoint.tensors().get("model/bias").toArray(manager);
            assertEquals(DataType.FLOAT64, bias.getDataType());
            assertArrayEquals(new double[] {Math.PI, -1e300, 7}, bias.toDoubleArray());

            // The safetensors layout: little-endian header length, JSON header with dtype, shape and offsets.
            byte[] bytes = Files.readAllBytes(file);
            long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(bytes.length, 8 + headerLength + 4 * 4 + 3 * 8);
            String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
            assertTrue(header.contains("\"model/weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}"), header);
            assertTrue(header.contains("\"format\":\"rotograd4j-checkpoint\""), header);
            assertEquals(0, headerLength % 8, "the header is padded to 8 bytes");
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(1, files.count(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void everyTruncationIsDetectedAndNamesTheFile(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            byte[] whole = Files.readAllBytes(writeExample(manager, folder.resolve("whole.safetensors")));
            Path cut = folder.resolve("cut.safetensors");
            for (int length = 0; length < whole.length; length++) {
                Files.write(cut, Arrays.copyOf(whole, length));
                CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(cut),
                        "a file cut at " + length + " of " + whole.length + " bytes");
                assertTrue(e.getMessage().startsWith(cut.toString() + ": "), e.getMessage());
                assertEquals(cut, e.file());
            }
        }
    }

    @Test
    void everyFlippedByteIsDetected(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            byte[] whole = Files.readAllBytes(writeExample(manager, folder.resolve("whole.safetensors")));
            Path damaged = folder.resolve("damaged.safetensors");
            long headerLength = ByteBuffer.wrap(whole, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            for (int position = 0; position < whole.length; position++) {
                byte[] copy = whole.clone();
                copy[position] ^= 0x04;
                if (position >= 8 && position < 8 + headerLength && isPadding(whole, position, headerLength)) {
                    continue; // a space of the header's padding turned into another blank is still valid JSON
                }
                Files.write(damaged, copy);
                assertThrows(CheckpointException.class, () -> CheckpointFile.read(damaged),
                        "byte " + position + " of " + whole.length + " flipped");
            }
        }
    }

    /** Whether the byte is in the JSON header's trailing padding or a blank between tokens. */
    private static boolean isPadding(byte[] whole, int position, long headerLength) {
        String header = new String(whole, 8, (int) headerLength, StandardCharsets.UTF_8);
        return position - 8 >= header.stripTrailing().length();
    }

    @Test
    void aFileThatIsNotACheckpointIsRefusedByName(@TempDir Path folder) throws Exception {
        Path random = folder.resolve("random.bin");
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        Files.write(random, noise);
        assertThrows(CheckpointException.class, () -> CheckpointFile.read(random));

        Path plain = folder.resolve("plain.safetensors");
        byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header).putFloat(1f);
        Files.write(plain, buffer.array());
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(plain));
        assertTrue(e.getMessage().contains("not a RotoGrad4J checkpoint"), e.getMessage());

        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> CheckpointFile.read(folder.resolve("absent.safetensors")));
        assertTrue(missing.getMessage().contains("absent.safetensors: no such file"), missing.getMessage());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = writeExample(manager, folder.resolve("keep.safetensors"));
            byte[] before = Files.readAllBytes(file);
            NDArray closed = manager.create(new float[] {1});
            closed.close();
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            arrays.put("model/ok", manager.create(new float[] {2}));
            arrays.put("model/closed", closed);
            assertThrows(RuntimeException.class, () -> CheckpointFile.write(file, new JsonObject(), arrays));
            assertArrayEquals(before, Files.readAllBytes(file));
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(1, files.count());
            }
        }
    }
}
