package org.rotograd4j.samples.nyuv2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small NYUv2 in MTAN's layout: {@code train/} and {@code val/}, each with {@code image/}, {@code label/},
 * {@code depth/} and {@code normal/} folders of {@code <index>.npy} files, channels last as MTAN stores them
 * (or channels first). Images are float32 in [0, 1], labels float32 in -1..12, depths float32 with some
 * zeros (unknown), normals unit vectors with some zeros.
 */
final class NyuV2Fixture {

    private NyuV2Fixture() {}

    /** Writes {@code train} and {@code val} scenes of {@code height x width} under {@code root}. */
    static Path write(Path root, int train, int val, int height, int width, boolean channelsLast) throws IOException {
        writeSplit(root.resolve("train"), train, height, width, channelsLast, 1);
        writeSplit(root.resolve("val"), val, height, width, channelsLast, 2);
        return root;
    }

    static void writeSplit(Path folder, int count, int height, int width, boolean channelsLast, long seed)
            throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            writeScene(folder, i, height, width, channelsLast, random);
        }
    }

    /** Writes scene {@code index}: its four files. */
    static void writeScene(Path folder, int index, int height, int width, boolean channelsLast, Random random)
            throws IOException {
        int pixels = height * width;
        float[] image = new float[3 * pixels];
        float[] label = new float[pixels];
        float[] depth = new float[pixels];
        float[] normal = new float[3 * pixels];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 3; c++) {
                image[c * pixels + p] = random.nextFloat();
            }
            label[p] = random.nextInt(10) == 0 ? -1 : (p * NyuV2.CLASSES / pixels + random.nextInt(2)) % NyuV2.CLASSES;
            depth[p] = random.nextInt(10) == 0 ? 0 : 0.5f + 4 * (float) p / pixels;
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = Math.abs(random.nextGaussian()) + 0.1;
            double length = Math.sqrt(x * x + y * y + z * z);
            boolean known = random.nextInt(10) != 0;
            normal[p] = known ? (float) (x / length) : 0;
            normal[pixels + p] = known ? (float) (y / length) : 0;
            normal[2 * pixels + p] = known ? (float) (z / length) : 0;
        }
        String name = index + ".npy";
        NpyWriter.float32(folder.resolve("image").resolve(name), shape(3, height, width, channelsLast),
                layout(image, 3, pixels, channelsLast));
        NpyWriter.float32(folder.resolve("label").resolve(name), new long[] {height, width}, label);
        NpyWriter.float32(folder.resolve("depth").resolve(name), shape(1, height, width, channelsLast), depth);
        NpyWriter.float32(folder.resolve("normal").resolve(name), shape(3, height, width, channelsLast),
                layout(normal, 3, pixels, channelsLast));
    }

    private static long[] shape(int channels, int height, int width, boolean channelsLast) {
        return channelsLast ? new long[] {height, width, channels} : new long[] {channels, height, width};
    }

    /** Planes {@code [C, H·W]} in the file's order. */
    static float[] layout(float[] planes, int channels, int pixels, boolean channelsLast) {
        if (!channelsLast) {
            return planes;
        }
        float[] interleaved = new float[planes.length];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                interleaved[p * channels + c] = planes[c * pixels + p];
            }
        }
        return interleaved;
    }
}
