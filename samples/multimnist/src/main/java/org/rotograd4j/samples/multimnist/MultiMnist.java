package org.rotograd4j.samples.multimnist;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MultiMNIST (paper §6.1): each sample lays a left and a right item of an IDX image set (MNIST or
 * Fashion-MNIST) on one {@value #SIDE}x{@value #SIDE} canvas, the left one at the top left and the right one
 * shifted by {@value #SHIFT} pixels down and right, overlapping as in Sener and Koltun's version. Five
 * tasks: {@code left} and {@code right} class, {@code sum} of the classes, {@code parity} of their product
 * (1 when odd) and {@code pixels}, the fraction of active pixels (above half intensity).
 *
 * <p>Data: {@code [1, 36, 36]} floats in [0, 1]. Labels, one per task in {@link #TASKS} order (or the
 * chosen subset): class indices for left and right, floats for the others.
 */
public final class MultiMnist extends RandomAccessDataset {

    /** Every task, in order. */
    public static final List<String> TASKS = List.of("left", "right", "sum", "parity", "pixels");

    static final int SIDE = 36;
    static final int SHIFT = 8;

    private final IdxFile images;
    private final IdxFile labels;
    private final int[] leftItems;
    private final int[] rightItems;
    private final List<String> tasks;

    private MultiMnist(Builder builder) {
        super(builder);
        this.images = builder.images;
        this.labels = builder.labels;
        this.tasks = builder.tasks;
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException("the image file has " + images.count() + " items but the label file "
                    + labels.count());
        }
        if (images.rows() + SHIFT > SIDE || images.columns() + SHIFT > SIDE) {
            throw new IllegalArgumentException("items of " + images.rows() + "x" + images.columns()
                    + " do not fit a " + SIDE + "x" + SIDE + " canvas with a shift of " + SHIFT);
        }
        SplittableRandom random = new SplittableRandom(builder.seed);
        int pairs = builder.pairs > 0 ? builder.pairs : images.count();
        leftItems = new int[pairs];
        rightItems = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            leftItems[i] = random.nextInt(images.count());
            rightItems[i] = random.nextInt(images.count());
        }
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Record get(NDManager manager, long index) {
        int left = leftItems[(int) index];
        int right = rightItems[(int) index];
        float[] canvas = new float[SIDE * SIDE];
        paste(canvas, left, 0);
        paste(canvas, right, SHIFT);
        int active = 0;
        for (float value : canvas) {
            if (value > 0.5f) {
                active++;
            }
        }
        int leftClass = labels.label(left);
        int rightClass = labels.label(right);
        NDList targets = new NDList();
        for (String task : tasks) {
            targets.add(switch (task) {
                case "left" -> manager.create((long) leftClass);
                case "right" -> manager.create((long) rightClass);
                case "sum" -> manager.create(new float[] {leftClass + rightClass});
                case "parity" -> manager.create(new float[] {(leftClass * rightClass) % 2});
                case "pixels" -> manager.create(new float[] {(float) active / canvas.length});
                default -> throw new IllegalStateException("unknown task " + task);
            });
        }
        return new Record(new NDList(manager.create(canvas, new Shape(1, SIDE, SIDE))), targets);
    }

    private void paste(float[] canvas, int item, int offset) {
        for (int r = 0; r < images.rows(); r++) {
            for (int c = 0; c < images.columns(); c++) {
                int at = (r + offset) * SIDE + c + offset;
                canvas[at] = Math.max(canvas[at], images.at(item, r, c) / 255f);
            }
        }
    }

    @Override
    protected long availableSize() {
        return leftItems.length;
    }

    @Override
    public void prepare(Progress progress) {
        // Everything is in memory from the start.
    }

    /** Builds a {@link MultiMnist}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private IdxFile images;
        private IdxFile labels;
        private int pairs;
        private long seed;
        private List<String> tasks = TASKS;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the items (required): an image file and its label file. */
        public Builder setItems(IdxFile images, IdxFile labels) {
            this.images = images;
            this.labels = labels;
            return this;
        }

        /** Sets the number of two-item samples; default as many as items. */
        public Builder optPairs(int pairs) {
            this.pairs = pairs;
            return this;
        }

        /** Sets the seed that pairs the items; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Keeps only these tasks' labels, in this order (single-task baselines). */
        public Builder optTasks(List<String> tasks) {
            for (String task : tasks) {
                if (!TASKS.contains(task)) {
                    throw new IllegalArgumentException("unknown task '" + task + "'; tasks are " + TASKS);
                }
            }
            this.tasks = List.copyOf(tasks);
            return this;
        }

        /** Builds the dataset. */
        public MultiMnist build() {
            if (images == null || labels == null) {
                throw new IllegalStateException("MultiMnist needs items: setItems(images, labels)");
            }
            return new MultiMnist(this);
        }
    }
}
