package org.rotograd4j.samples.nyuv2;

import java.util.Random;

/**
 * One NYUv2 sample in memory, channels first: the RGB image {@code [3, H, W]}, the class of each pixel
 * {@code [H, W]} (-1 where unlabeled), the depth {@code [1, H, W]} (0 where unknown) and the surface normal
 * {@code [3, H, W]} (0 where unknown), each as a flat C-order array. The transformations return new scenes.
 *
 * @param height H
 * @param width W
 * @param image the image, {@code 3·H·W} values
 * @param label the classes, {@code H·W} values
 * @param depth the depth, {@code H·W} values
 * @param normal the normals, {@code 3·H·W} values, x component first
 */
record Scene(int height, int width, float[] image, long[] label, float[] depth, float[] normal) {

    /** The scales of MTAN's random scale-crop. */
    static final double[] CROP_SCALES = {1.0, 1.2, 1.5};

    /** Checks the sizes. */
    Scene {
        int pixels = height * width;
        if (image.length != 3 * pixels || label.length != pixels || depth.length != pixels
                || normal.length != 3 * pixels) {
            throw new IllegalArgumentException("arrays do not match a " + height + "x" + width + " scene");
        }
    }

    /**
     * Resizes to {@code height x width}: image and normals bilinearly (half-pixel centres), classes and depth
     * by nearest neighbour, so that unknown depth (0) never blends into known depth.
     */
    Scene resized(int newHeight, int newWidth) {
        return crop(0, 0, height, width, newHeight, newWidth, false, 1);
    }

    /**
     * MTAN's random scale-crop and random horizontal flip: picks a scale s from {@link #CROP_SCALES}, crops
     * a random {@code ⌊H/s⌋ x ⌊W/s⌋} window, resizes it back to {@code H x W} (image and normals bilinearly
     * with aligned corners, classes and depth by nearest neighbour) and divides the depth by s; then, with
     * probability 1/2, flips everything horizontally.
     */
    Scene augmented(Random random) {
        double scale = CROP_SCALES[random.nextInt(CROP_SCALES.length)];
        int cropHeight = (int) (height / scale);
        int cropWidth = (int) (width / scale);
        int top = random.nextInt(height - cropHeight + 1);
        int left = random.nextInt(width - cropWidth + 1);
        Scene cropped = scaleCrop(scale, top, left);
        return random.nextBoolean() ? cropped.flipped() : cropped;
    }

    /**
     * The scale-crop of {@link #augmented} at a given scale and window corner: the window of {@code ⌊H/s⌋ x
     * ⌊W/s⌋} pixels at {@code (top, left)}, resized back to {@code H x W}, with the depth divided by s.
     */
    Scene scaleCrop(double scale, int top, int left) {
        int cropHeight = (int) (height / scale);
        int cropWidth = (int) (width / scale);
        if (top < 0 || left < 0 || top + cropHeight > height || left + cropWidth > width) {
            throw new IllegalArgumentException("crop window outside the scene");
        }
        return crop(top, left, cropHeight, cropWidth, height, width, true, (float) scale);
    }

    /** Flips horizontally; the normals' x component changes sign. */
    Scene flipped() {
        float[] flippedNormal = flip(normal, 3);
        int pixels = height * width;
        for (int i = 0; i < pixels; i++) {
            flippedNormal[i] = -flippedNormal[i];
        }
        long[] flippedLabel = new long[label.length];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                flippedLabel[r * width + c] = label[r * width + width - 1 - c];
            }
        }
        return new Scene(height, width, flip(image, 3), flippedLabel, flip(depth, 1), flippedNormal);
    }

    private Scene crop(int top, int left, int cropHeight, int cropWidth, int outHeight, int outWidth,
            boolean alignCorners, float depthDivisor) {
        Grid rows = new Grid(top, cropHeight, outHeight, alignCorners);
        Grid columns = new Grid(left, cropWidth, outWidth, alignCorners);
        float[] newDepth = nearest(depth, 1, rows, columns);
        for (int i = 0; i < newDepth.length; i++) {
            newDepth[i] /= depthDivisor;
        }
        long[] newLabel = new long[outHeight * outWidth];
        for (int r = 0; r < outHeight; r++) {
            for (int c = 0; c < outWidth; c++) {
                newLabel[r * outWidth + c] = label[rows.nearest(r) * width + columns.nearest(c)];
            }
        }
        return new Scene(outHeight, outWidth, bilinear(image, 3, rows, columns), newLabel, newDepth,
                bilinear(normal, 3, rows, columns));
    }

    private float[] bilinear(float[] planes, int channels, Grid rows, Grid columns) {
        int outHeight = rows.size();
        int outWidth = columns.size();
        float[] out = new float[channels * outHeight * outWidth];
        for (int ch = 0; ch < channels; ch++) {
            int in = ch * height * width;
            int at = ch * outHeight * outWidth;
            for (int r = 0; r < outHeight; r++) {
                int r0 = rows.low(r);
                int r1 = rows.high(r);
                double fr = rows.fraction(r);
                for (int c = 0; c < outWidth; c++) {
                    int c0 = columns.low(c);
                    int c1 = columns.high(c);
                    double fc = columns.fraction(c);
                    double upper = planes[in + r0 * width + c0] * (1 - fc) + planes[in + r0 * width + c1] * fc;
                    double lower = planes[in + r1 * width + c0] * (1 - fc) + planes[in + r1 * width + c1] * fc;
                    out[at++] = (float) (upper * (1 - fr) + lower * fr);
                }
            }
        }
        return out;
    }

    private float[] nearest(float[] planes, int channels, Grid rows, Grid columns) {
        int outHeight = rows.size();
        int outWidth = columns.size();
        float[] out = new float[channels * outHeight * outWidth];
        int at = 0;
        for (int ch = 0; ch < channels; ch++) {
            int in = ch * height * width;
            for (int r = 0; r < outHeight; r++) {
                int row = rows.nearest(r);
                for (int c = 0; c < outWidth; c++) {
                    out[at++] = planes[in + row * width + columns.nearest(c)];
                }
            }
        }
        return out;
    }

    private float[] flip(float[] planes, int channels) {
        float[] out = new float[planes.length];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < height; r++) {
                int row = (ch * height + r) * width;
                for (int c = 0; c < width; c++) {
                    out[row + c] = planes[row + width - 1 - c];
                }
            }
        }
        return out;
    }

    /**
     * Where each output row (or column) samples a window {@code [start, start + length)} of the input, as
     * PyTorch's {@code interpolate} does: bilinear with aligned corners or half-pixel centres, and legacy
     * {@code nearest}.
     */
    private record Grid(int start, int length, int size, boolean alignCorners) {

        double source(int i) {
            if (alignCorners) {
                return size > 1 ? i * (length - 1.0) / (size - 1) : 0;
            }
            return Math.max(0, (i + 0.5) * length / size - 0.5);
        }

        int low(int i) {
            return start + Math.min((int) source(i), length - 1);
        }

        int high(int i) {
            return start + Math.min((int) source(i) + 1, length - 1);
        }

        double fraction(int i) {
            double source = source(i);
            return Math.min(source, length - 1) - Math.min((int) source, length - 1);
        }

        int nearest(int i) {
            return start + Math.min((int) Math.floor(i * (double) length / size), length - 1);
        }
    }
}
