package org.rotograd4j.samples.subspace;

import org.rotograd4j.samples.multimnist.IdxFile;

/**
 * Ten-class images in memory: unsigned bytes, image after image, each channel after channel and row-major
 * within a channel (CIFAR-10's binary layout), and one class from 0 to 9 per image.
 *
 * @param count the number of images
 * @param channels channels per image (3 for CIFAR-10, 1 for Fashion-MNIST)
 * @param side rows and columns of an image
 * @param pixels {@code count * channels * side * side} bytes
 * @param labels {@code count} classes
 */
public record LabelledImages(int count, int channels, int side, byte[] pixels, byte[] labels) {

    /** The number of classes, and so of one-vs-rest tasks. */
    public static final int CLASSES = 10;

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException when the arrays do not hold {@code count} images and labels
     */
    public LabelledImages {
        if ((long) count * channels * side * side != pixels.length || labels.length != count) {
            throw new IllegalArgumentException(count + " images of " + channels + "x" + side + "x" + side + " need "
                    + (long) count * channels * side * side + " pixel bytes and " + count + " labels, got "
                    + pixels.length + " and " + labels.length);
        }
    }

    /**
     * Pairs an IDX image file with its label file (Fashion-MNIST, MNIST).
     *
     * @param images square single-channel images
     * @param labels one class from 0 to 9 per image, as {@link IdxFile#readLabels} checks
     * @return the images
     * @throws IllegalArgumentException when the images are not square or the counts differ
     */
    public static LabelledImages fromIdx(IdxFile images, IdxFile labels) {
        if (images.rows() != images.columns()) {
            throw new IllegalArgumentException("images of " + images.rows() + "x" + images.columns() + " are not square");
        }
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException("the image file has " + images.count() + " items but the label file "
                    + labels.count());
        }
        return new LabelledImages(images.count(), 1, images.rows(), images.bytes(), labels.bytes());
    }

    /**
     * Returns a pixel.
     *
     * @param image the image's index
     * @param channel the channel
     * @param row the row
     * @param column the column
     * @return its value, from 0 to 255
     */
    public int pixel(int image, int channel, int row, int column) {
        return pixels[((image * channels + channel) * side + row) * side + column] & 0xff;
    }

    /**
     * Returns an image's class.
     *
     * @param image the image's index
     * @return its class, from 0 to 9
     */
    public int label(int image) {
        return labels[image];
    }
}
