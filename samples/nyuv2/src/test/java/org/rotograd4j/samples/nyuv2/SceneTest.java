package org.rotograd4j.samples.nyuv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneTest {

    private static final int H = 6;
    private static final int W = 10;

    /** A scene whose values encode their position: image (c, r, col) = 100c + 10r + col, and so on. */
    private static Scene ramp() {
        int pixels = H * W;
        float[] image = new float[3 * pixels];
        float[] normal = new float[3 * pixels];
        long[] label = new long[pixels];
        float[] depth = new float[pixels];
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                int p = r * W + c;
                for (int ch = 0; ch < 3; ch++) {
                    image[ch * pixels + p] = 100 * ch + 10 * r + c;
                    normal[ch * pixels + p] = ch + 1 + 0.1f * c;
                }
                label[p] = (r + c) % 13 - (c == 0 ? 1 : 0);
                depth[p] = c == 3 ? 0 : 1 + r + 0.5f * c;
            }
        }
        return new Scene(H, W, image, label, depth, normal);
    }

    @Test
    void flipMirrorsEverythingAndNegatesNormalX() {
        Scene scene = ramp();
        Scene flipped = scene.flipped();
        int pixels = H * W;
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                int p = r * W + c;
                int mirror = r * W + W - 1 - c;
                assertEquals(scene.image()[pixels + mirror], flipped.image()[pixels + p]);
                assertEquals(scene.label()[mirror], flipped.label()[p]);
                assertEquals(scene.depth()[mirror], flipped.depth()[p]);
                assertEquals(-scene.normal()[mirror], flipped.normal()[p], "x changes sign");
                assertEquals(scene.normal()[pixels + mirror], flipped.normal()[pixels + p], "y is kept");
                assertEquals(scene.normal()[2 * pixels + mirror], flipped.normal()[2 * pixels + p], "z is kept");
            }
        }
        Scene twice = flipped.flipped();
        assertArrayEquals(scene.image(), twice.image());
        assertArrayEquals(scene.normal(), twice.normal());
        assertArrayEquals(scene.label(), twice.label());
    }

    @Test
    void scaleCropDividesDepthByTheScale() {
        Scene scene = ramp();
        double scale = 1.5;
        int top = 1;
        int left = 2;
        Scene cropped = scene.scaleCrop(scale, top, left);
        int cropHeight = (int) (H / scale);
        int cropWidth = (int) (W / scale);
        assertEquals(H, cropped.height());
        assertEquals(W, cropped.width());
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                // Nearest neighbour of the window, as torch's interpolate(mode='nearest').
                int sr = top + (int) Math.floor(r * (double) cropHeight / H);
                int sc = left + (int) Math.floor(c * (double) cropWidth / W);
                assertEquals(scene.depth()[sr * W + sc] / scale, cropped.depth()[r * W + c], 1e-6);
                assertEquals(scene.label()[sr * W + sc], cropped.label()[r * W + c]);
            }
        }
    }

    @Test
    void scaleCropResizesTheImageWithAlignedCorners() {
        Scene cropped = ramp().scaleCrop(1.2, 0, 1);
        int cropHeight = (int) (H / 1.2);
        int cropWidth = (int) (W / 1.2);
        int pixels = H * W;
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                // Bilinear interpolation reproduces a linear ramp exactly; corners map to corners.
                double sourceRow = r * (cropHeight - 1.0) / (H - 1);
                double sourceColumn = 1 + c * (cropWidth - 1.0) / (W - 1);
                assertEquals(200 + 10 * sourceRow + sourceColumn, cropped.image()[2 * pixels + r * W + c], 1e-4);
            }
        }
    }

    @Test
    void scaleOneIsTheIdentity() {
        Scene scene = ramp();
        Scene same = scene.scaleCrop(1.0, 0, 0);
        assertArrayEquals(scene.image(), same.image());
        assertArrayEquals(scene.depth(), same.depth());
        assertArrayEquals(scene.normal(), same.normal());
        assertArrayEquals(scene.label(), same.label());
    }

    @Test
    void resizeUsesHalfPixelCentresAndKeepsUnknownDepth() {
        Scene half = ramp().resized(H / 2, W / 2);
        int pixels = (H / 2) * (W / 2);
        for (int r = 0; r < H / 2; r++) {
            for (int c = 0; c < W / 2; c++) {
                // Output (r, c) samples input (2r + 0.5, 2c + 0.5): the mean of a 2x2 block of a ramp.
                assertEquals(10 * (2 * r + 0.5) + 2 * c + 0.5, half.image()[r * (W / 2) + c], 1e-4);
                assertEquals(half.depth()[r * (W / 2) + c], ramp().depth()[2 * r * W + 2 * c]);
            }
        }
        assertEquals(3 * pixels, half.image().length);
    }

    @Test
    void augmentationPicksMtanScalesAndFlips() {
        Scene scene = ramp();
        Random random = new Random(11);
        boolean sawFlip = false;
        boolean sawUnflipped = false;
        boolean sawCrop = false;
        for (int i = 0; i < 40; i++) {
            Scene augmented = scene.augmented(random);
            assertEquals(H, augmented.height());
            assertEquals(W, augmented.width());
            // The normal x of the ramp grows to the right unless flipped (where it is negated).
            float x = augmented.normal()[0];
            sawFlip |= x < 0;
            sawUnflipped |= x > 0;
            // Depth is a stored depth divided by 1, 1.2 or 1.5 (or unknown).
            for (float d : augmented.depth()) {
                assertTrue(d == 0 || isScaledDepth(scene, d), "depth " + d);
            }
            sawCrop |= augmented.depth()[W - 1] != scene.depth()[W - 1];
        }
        assertTrue(sawFlip && sawUnflipped && sawCrop);
    }

    private static boolean isScaledDepth(Scene scene, float depth) {
        for (double scale : Scene.CROP_SCALES) {
            for (float stored : scene.depth()) {
                if (Math.abs(stored / scale - depth) < 1e-5) {
                    return true;
                }
            }
        }
        return false;
    }
}
