package org.rotograd4j.samples.subspace;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ten binary one-vs-rest tasks on ten-class images (paper §6.2): task {@code classK} asks whether an image is
 * of class {@code K}. Images may be shrunk by an integer factor (each output pixel averages a square of
 * input pixels) to make training cheaper.
 *
 * <p>Data: {@code [channels, side / factor, side / factor]} floats in [0, 1]. Labels, one per task in {@link
 * #TASKS} order (or the chosen subset): a float, 1 for the task's class and 0 otherwise.
 */
public final class OneVsRest extends RandomAccessDataset {

    /** Every task, {@code class0} to {@code class9}, in order. */
    public static final List<String> TASKS =
            IntStream.range(0, LabelledImages.CLASSES).mapToObj(k -> "class" + k).toList();

    private final LabelledImages images;
    private final int count;
    private final int factor;
    private final int side;
    private final int[] classes;

    private OneVsRest(Builder builder) {
        super(builder);
        this.images = builder.images;
        this.factor = builder.factor;
        if (factor < 1 || images.side() % factor != 0) {
            throw new IllegalArgumentException("cannot shrink " + images.side() + "x" + images.side()
                    + " images by a factor of " + factor + ": it must be a positive divisor of the side");
        }
        this.side = images.side() / factor;
        this.count = builder.limit > 0 ? Math.min(builder.limit, images.count()) : images.count();
        this.classes = builder.tasks.stream().mapToInt(TASKS::indexOf).toArray();
    }

    /**
     * Returns a builder.
     *
     * @return a new builder: every image at full size, every task
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the side of the images this dataset gives.
     *
     * @return the images' side divided by the shrink factor
     */
    public int side() {
        return side;
    }

    @Override
    public Record get(NDManager manager, long index) {
        int image = (int) index;
        int channels = images.channels();
        float[] data = new float[channels * side * side];
        float scale = 255f * factor * factor;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < side; r++) {
                for (int col = 0; col < side; col++) {
                    int sum = 0;
                    for (int dr = 0; dr < factor; dr++) {
                        for (int dc = 0; dc < factor; dc++) {
                            sum += images.pixel(image, c, r * factor + dr, col * factor + dc);
                        }
                    }
                    data[(c * side + r) * side + col] = sum / scale;
                }
            }
        }
        NDList targets = new NDList();
        for (int k : classes) {
            targets.add(manager.create(new float[] {images.label(image) == k ? 1f : 0f}));
        }
        return new Record(new NDList(manager.create(data, new Shape(channels, side, side))), targets);
    }

    @Override
    protected long availableSize() {
        return count;
    }

    @Override
    public void prepare(Progress progress) {
        // Everything is in memory from the start.
    }

    /** Builds a {@link OneVsRest}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private LabelledImages images;
        private int limit;
        private int factor = 1;
        private List<String> tasks = TASKS;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the images (required).
         *
         * @param images ten-class images
         * @return this builder
         */
        public Builder setImages(LabelledImages images) {
            this.images = images;
            return this;
        }

        /**
         * Keeps only the first images.
         *
         * @param limit how many; 0 or less for all
         * @return this builder
         */
        public Builder optLimit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Shrinks the images by averaging squares of pixels.
         *
         * @param factor the side of a square; a divisor of the images' side; default 1 (full size)
         * @return this builder
         */
        public Builder optShrinkFactor(int factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Keeps only these tasks' labels, in this order (single-task baselines).
         *
         * @param tasks names from {@link #TASKS}
         * @return this builder
         * @throws IllegalArgumentException naming an unknown task
         */
        public Builder optTasks(List<String> tasks) {
            for (String task : tasks) {
                if (!TASKS.contains(task)) {
                    throw new IllegalArgumentException("unknown task '" + task + "'; tasks are " + TASKS);
                }
            }
            this.tasks = List.copyOf(tasks);
            return this;
        }

        /**
         * Builds the dataset.
         *
         * @return the dataset
         * @throws IllegalArgumentException when the shrink factor does not divide the images' side
         */
        public OneVsRest build() {
            return new OneVsRest(this);
        }
    }
}
