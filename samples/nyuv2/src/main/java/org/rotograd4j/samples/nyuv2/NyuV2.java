package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * NYUv2 as MTAN (Liu et al., 2019) preprocessed it, the setup of the paper's §6.3: a data folder with
 * {@code train/} (795 scenes) and {@code val/} (654 scenes), each with {@code image/}, {@code label/},
 * {@code depth/} and {@code normal/} folders of {@code <index>.npy} files, indices {@code 0..N-1}. At
 * {@value #HEIGHT}x{@value #WIDTH}: the image {@code (288, 384, 3)}, the 13-class labels {@code (288, 384)}
 * (-1 where unlabeled), the depth {@code (288, 384, 1)} (0 where unknown) and the surface normals {@code
 * (288, 384, 3)}. MTAN's files store channels last; channels first ({@code (3, 288, 384)}, {@code (1, 288,
 * 384)}) and a depth without channel axis are read too. Any H x W is accepted as long as every file of the
 * split has the same one. The builder checks every file's header, shape and size, and that the four
 * folders hold the same indices.
 *
 * <p>Data: the image {@code [3, H, W]} (float32). Labels, one per task in {@link #TASKS} order (or the
 * chosen subset): {@code segmentation} {@code [H, W]} (int64, -1 kept), {@code depth} {@code [1, H, W]}
 * and {@code normals} {@code [3, H, W]} (float32). Options: a resize factor (to train at lower
 * resolution on a CPU) and MTAN's augmentation (random scale-crop and horizontal flip, see {@link
 * Scene#augmented}).
 */
public final class NyuV2 extends RandomAccessDataset {

    /** Every task, in order. */
    public static final List<String> TASKS = List.of("segmentation", "depth", "normals");
    /** The number of segmentation classes; labels are 0..12, or -1 for unlabeled pixels. */
    public static final int CLASSES = 13;
    /** The height of MTAN's preprocessed scenes. */
    public static final int HEIGHT = 288;
    /** The width of MTAN's preprocessed scenes. */
    public static final int WIDTH = 384;
    /** The folders of a split, one per array of a scene. */
    public static final List<String> FOLDERS = List.of("image", "label", "depth", "normal");

    /** The two splits. */
    public enum Split {
        /** {@code train/}: 795 scenes. */
        TRAIN("train"),
        /** {@code val/}: 654 scenes, the evaluation split of MTAN and the paper. */
        VAL("val");

        private final String folder;

        Split(String folder) {
            this.folder = folder;
        }

        /** Returns the split's folder name. */
        public String folder() {
            return folder;
        }
    }

    private final Path folder;
    private final int count;
    private final int sourceHeight;
    private final int sourceWidth;
    private final int height;
    private final int width;
    private final boolean augment;
    private final Random random;
    private final List<String> tasks;

    private NyuV2(Builder builder, Path folder, int count, int sourceHeight, int sourceWidth) {
        super(builder);
        this.folder = folder;
        this.count = count;
        this.sourceHeight = sourceHeight;
        this.sourceWidth = sourceWidth;
        this.height = (int) Math.round(sourceHeight * builder.scale);
        this.width = (int) Math.round(sourceWidth * builder.scale);
        this.augment = builder.augment;
        this.random = new Random(builder.seed);
        this.tasks = builder.tasks;
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("scale " + builder.scale + " leaves no pixel of " + sourceHeight + "x"
                    + sourceWidth + " scenes");
        }
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the height of the scenes this dataset gives, after resizing. */
    public int height() {
        return height;
    }

    /** Returns the width of the scenes this dataset gives, after resizing. */
    public int width() {
        return width;
    }

    /** Returns the tasks whose labels each record holds, in order. */
    public List<String> tasks() {
        return tasks;
    }

    @Override
    public Record get(NDManager manager, long index) throws IOException {
        Scene scene = read((int) index);
        if (height != sourceHeight || width != sourceWidth) {
            scene = scene.resized(height, width);
        }
        if (augment) {
            scene = scene.augmented(random);
        }
        NDList labels = new NDList(tasks.size());
        for (String task : tasks) {
            labels.add(switch (task) {
                case "segmentation" -> manager.create(scene.label(), new Shape(height, width));
                case "depth" -> manager.create(scene.depth(), new Shape(1, height, width));
                case "normals" -> manager.create(scene.normal(), new Shape(3, height, width));
                default -> throw new IllegalStateException("unknown task " + task);
            });
        }
        return new Record(new NDList(manager.create(scene.image(), new Shape(3, height, width))), labels);
    }

    /** Reads scene {@code index} at its stored size, channels first. */
    Scene read(int index) throws IOException {
        float[] image = channelsFirst(Npy.read(file("image", index)), 3);
        Path labelFile = file("label", index);
        float[] labelValues = Npy.read(labelFile).values();
        long[] label = new long[labelValues.length];
        for (int i = 0; i < label.length; i++) {
            float value = labelValues[i];
            if (value != Math.rint(value) || value < -1 || value >= CLASSES) {
                throw new IOException(labelFile + ": value " + value + " at pixel (" + i / sourceWidth + ", "
                        + i % sourceWidth + ") is not a class of 0.." + (CLASSES - 1) + " or -1 (unlabeled)");
            }
            label[i] = (long) value;
        }
        float[] depth = channelsFirst(Npy.read(file("depth", index)), 1);
        float[] normal = channelsFirst(Npy.read(file("normal", index)), 3);
        return new Scene(sourceHeight, sourceWidth, image, label, depth, normal);
    }

    private Path file(String kind, int index) {
        return folder.resolve(kind).resolve(index + ".npy");
    }

    /** Returns the values channels first: MTAN's channels-last files are transposed. */
    private float[] channelsFirst(Npy array, int channels) {
        float[] values = array.values();
        if (!isChannelsLast(array.shape(), channels, sourceHeight, sourceWidth) || channels == 1) {
            return values;
        }
        int pixels = sourceHeight * sourceWidth;
        float[] planes = new float[values.length];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                planes[c * pixels + p] = values[p * channels + c];
            }
        }
        return planes;
    }

    private static boolean isChannelsLast(List<Long> shape, int channels, int height, int width) {
        return shape.equals(List.of((long) height, (long) width, (long) channels));
    }

    @Override
    protected long availableSize() {
        return count;
    }

    @Override
    public void prepare(Progress progress) {
        // The builder has checked every file; scenes are read when asked for.
    }

    /** Builds a {@link NyuV2}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Path root;
        private Split split = Split.TRAIN;
        private double scale = 1;
        private boolean augment;
        private long seed;
        private List<String> tasks = TASKS;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the data folder, the one holding {@code train/} and {@code val/} (required). */
        public Builder setRoot(Path root) {
            this.root = root;
            return this;
        }

        /** Sets the split; default {@link Split#TRAIN}. */
        public Builder optSplit(Split split) {
            this.split = split;
            return this;
        }

        /**
         * Resizes every scene by this factor (0.25: 288x384 becomes 72x96); default 1. Image and normals
         * are resized bilinearly, classes and depth by nearest neighbour.
         */
        public Builder optScale(double scale) {
            if (!(scale > 0 && scale <= 1)) {
                throw new IllegalArgumentException("the scale must be in (0, 1], got " + scale);
            }
            this.scale = scale;
            return this;
        }

        /** Applies MTAN's random scale-crop and horizontal flip to every scene read; default off. */
        public Builder optAugmentation(boolean augment) {
            this.augment = augment;
            return this;
        }

        /** Sets the seed of the augmentation; default 0. */
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

        /**
         * Checks the split's files and builds the dataset.
         *
         * @return the dataset
         * @throws IOException if a folder or file is missing, malformed or of the wrong shape
         */
        public NyuV2 build() throws IOException {
            if (root == null) {
                throw new IllegalStateException("NyuV2 needs the data folder: setRoot(path)");
            }
            Path folder = root.resolve(split.folder());
            int count = checkIndices(folder);
            Npy.Header first = Npy.readHeader(folder.resolve("image").resolve("0.npy"));
            int[] size = imageSize(first.shape());
            if (size == null) {
                throw new IOException(folder.resolve("image").resolve("0.npy") + ": shape " + first.shapeText()
                        + " is not an RGB image (H, W, 3) or (3, H, W)");
            }
            for (int i = 0; i < count; i++) {
                for (String kind : FOLDERS) {
                    Path file = folder.resolve(kind).resolve(i + ".npy");
                    checkShape(file, Npy.readHeader(file).shape(), kind, size[0], size[1]);
                }
            }
            return new NyuV2(this, folder, count, size[0], size[1]);
        }

        /** Returns {@code {H, W}} of an image shape, channels last or first, or null. */
        private static int[] imageSize(List<Long> shape) {
            if (shape.size() != 3) {
                return null;
            }
            if (shape.get(2) == 3) {
                return new int[] {Math.toIntExact(shape.get(0)), Math.toIntExact(shape.get(1))};
            }
            if (shape.get(0) == 3) {
                return new int[] {Math.toIntExact(shape.get(1)), Math.toIntExact(shape.get(2))};
            }
            return null;
        }

        private static void checkShape(Path file, List<Long> shape, String kind, int height, int width)
                throws IOException {
            long h = height;
            long w = width;
            List<List<Long>> accepted = switch (kind) {
                case "image", "normal" -> List.of(List.of(h, w, 3L), List.of(3L, h, w));
                case "label" -> List.of(List.of(h, w));
                case "depth" -> List.of(List.of(h, w, 1L), List.of(1L, h, w), List.of(h, w));
                default -> throw new IllegalStateException("unknown folder " + kind);
            };
            if (!accepted.contains(shape)) {
                throw new IOException(file + ": shape " + Npy.Header.shapeText(shape) + ", expected "
                        + String.join(" or ", accepted.stream().map(Npy.Header::shapeText).toList())
                        + " to match the " + height + "x" + width + " scenes of image/0.npy");
            }
        }

        /** Checks that the four folders hold the same indices 0..N-1 and returns N. */
        private static int checkIndices(Path folder) throws IOException {
            TreeSet<Integer> expected = null;
            String expectedKind = null;
            for (String kind : FOLDERS) {
                Path sub = folder.resolve(kind);
                if (!Files.isDirectory(sub)) {
                    throw new IOException("missing folder " + sub + ": a split holds image/, label/, depth/ and "
                            + "normal/ folders of <index>.npy files (MTAN's preprocessed NYUv2)");
                }
                TreeSet<Integer> indices = indices(sub);
                if (indices.isEmpty()) {
                    throw new IOException(sub + ": no .npy files");
                }
                if (indices.last() != indices.size() - 1) {
                    int missing = 0;
                    while (indices.contains(missing)) {
                        missing++;
                    }
                    throw new IOException(sub + ": " + missing + ".npy is missing (indices must be 0.."
                            + (indices.size() - 1) + " without gaps; the largest is " + indices.last() + ")");
                }
                if (expected == null) {
                    expected = indices;
                    expectedKind = kind;
                } else if (!expected.equals(indices)) {
                    throw new IOException(folder + ": " + kind + "/ holds " + indices.size() + " scenes (0.."
                            + indices.last() + ") but " + expectedKind + "/ holds " + expected.size() + " (0.."
                            + expected.last() + "); the four folders must hold the same indices");
                }
            }
            return expected.size();
        }

        private static TreeSet<Integer> indices(Path folder) throws IOException {
            TreeSet<Integer> indices = new TreeSet<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.npy")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    String stem = name.substring(0, name.length() - ".npy".length());
                    if (!stem.matches("0|[1-9][0-9]{0,8}")) {
                        throw new IOException(file + ": not named <index>.npy (0.npy, 1.npy, ...)");
                    }
                    indices.add(Integer.parseInt(stem));
                }
            }
            return indices;
        }
    }
}
