package org.rotograd4j.samples.celeba;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * CelebA (Liu et al., 2015), the aligned-and-cropped release, as a DJL dataset of one partition (paper
 * §6.3): 40 binary face attributes per image.
 *
 * <p>Data: {@code [3, size, size]} floats. Each JPEG of {@value CelebAFiles#IMAGE_FOLDER}/ (178x218) is read
 * when its record is asked for, resized to {@code size x size} by area averaging (the whole image, so the
 * aspect ratio changes), scaled to [0, 1] and standardized per channel with ImageNet's mean (0.485, 0.456,
 * 0.406) and standard deviation (0.229, 0.224, 0.225); a truncated or damaged JPEG is an error naming the
 * file. Labels: one {@code [1]} float array per attribute, in file order (or the order of {@link
 * Builder#optTasks}), 1 where the file says 1 and 0 where it says -1.
 *
 * <p>Decoding JPEGs can outrun a GPU's training step: {@link Builder#optLoaderThreads} reads several
 * batches ahead on background threads.
 */
public final class CelebA extends RandomAccessDataset implements AutoCloseable {

    /** The official partitions of {@value CelebAFiles#PARTITION_FILE}. */
    public enum Partition {
        /** Id 0. */
        TRAIN,
        /** Id 1. */
        VALIDATION,
        /** Id 2. */
        TEST
    }

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final CelebAFiles files;
    private final Partition partition;
    private final int imageSize;
    private final int[] rows;
    private final int[] labelColumns;
    private final ExecutorService loaders;

    private CelebA(Builder builder, CelebAFiles files) throws IOException {
        super(builder);
        this.files = files;
        this.partition = builder.partition;
        this.imageSize = builder.imageSize;
        List<String> tasks = builder.tasks == null ? files.attributes() : builder.tasks;
        this.labelColumns = new int[tasks.size()];
        for (int k = 0; k < labelColumns.length; k++) {
            labelColumns[k] = files.attributes().indexOf(tasks.get(k));
            if (labelColumns[k] < 0) {
                throw new IllegalArgumentException("no attribute '" + tasks.get(k) + "' in " + files.attributeFile());
            }
        }
        int[] selected = new int[files.size()];
        int count = 0;
        for (int i = 0; i < files.size() && count < limit; i++) {
            if (files.partition(i) == partition) {
                Path image = files.imageFile(i);
                if (!Files.isRegularFile(image)) {
                    throw new IOException(files.attributeFile() + " line " + files.line(i) + ": image " + files.image(i)
                            + " is missing from " + image.getParent());
                }
                selected[count++] = i;
            }
        }
        this.rows = Arrays.copyOf(selected, count);
        if (builder.loaderThreads > 0) {
            loaders = Executors.newFixedThreadPool(builder.loaderThreads, task -> {
                Thread thread = new Thread(task, "celeba-loader");
                thread.setDaemon(true);
                return thread;
            });
            prefetchNumber = Math.max(prefetchNumber, 2 * builder.loaderThreads);
        } else {
            loaders = null;
        }
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the attribute names, in label order. */
    public List<String> attributes() {
        return files.attributes();
    }

    /** Stops the loader threads, if any. */
    @Override
    public void close() {
        if (loaders != null) {
            loaders.shutdownNow();
        }
    }

    /** Returns the partition these images come from. */
    public Partition partition() {
        return partition;
    }

    /** Returns the side of the square images. */
    public int imageSize() {
        return imageSize;
    }

    /** Returns the file of the image at {@code index}. */
    public Path imageFile(long index) {
        return files.imageFile(rows[Math.toIntExact(index)]);
    }

    /** Reads batches on the loader threads, when there are some and no other executor is given. */
    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executor)
            throws IOException, TranslateException {
        return super.getData(manager, sampler, executor != null ? executor : loaders);
    }

    @Override
    public Record get(NDManager manager, long index) throws IOException {
        int row = rows[Math.toIntExact(index)];
        Path file = files.imageFile(row);
        float[] pixels = resize(readImage(file), imageSize);
        int plane = imageSize * imageSize;
        for (int c = 0; c < 3; c++) {
            for (int p = c * plane; p < (c + 1) * plane; p++) {
                pixels[p] = (pixels[p] - MEAN[c]) / STD[c];
            }
        }
        NDList labels = new NDList(labelColumns.length);
        for (int column : labelColumns) {
            labels.add(manager.create(new float[] {files.label(row, column) ? 1f : 0f}));
        }
        return new Record(new NDList(manager.create(pixels, new Shape(3, imageSize, imageSize))), labels);
    }

    /**
     * Reads an image whole: a JPEG must end with its end-of-image marker (FF D9, then at most zero padding),
     * and any warning of the decoder, such as a premature end of the data, is an error, as the decoder would
     * make up the pixels it misses.
     *
     * @throws IOException naming the file, if it cannot be read, is not an image, is truncated or damaged
     */
    static BufferedImage readImage(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        boolean jpeg = data.length >= 2 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8;
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        if (jpeg && (end < 4 || (data[end - 2] & 0xff) != 0xff || (data[end - 1] & 0xff) != 0xd9)) {
            throw new IOException(file + ": truncated JPEG (it does not end with the end-of-image marker FF D9)");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image that Java can read (expected a JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                Set<String> warnings = new LinkedHashSet<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IOException(file + ": damaged image: " + String.join("; ", warnings));
                }
                return image;
            } catch (IIOException e) {
                throw new IOException(file + ": damaged image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Resizes an image to {@code size x size} by area averaging: each output pixel is the mean of the source
     * area it covers, partly covered pixels weighted by their share.
     *
     * @return {@code [3, size, size]} values in [0, 1], channels R, G, B
     */
    static float[] resize(BufferedImage image, int size) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        Footprint columns = Footprint.of(width, size);
        Footprint lines = Footprint.of(height, size);
        float[] horizontal = new float[3 * height * size];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < size; x++) {
                float[] sum = new float[3];
                for (int j = 0; j < columns.weights[x].length; j++) {
                    int pixel = argb[y * width + columns.first[x] + j];
                    float weight = columns.weights[x][j];
                    sum[0] += weight * ((pixel >> 16) & 0xff);
                    sum[1] += weight * ((pixel >> 8) & 0xff);
                    sum[2] += weight * (pixel & 0xff);
                }
                for (int c = 0; c < 3; c++) {
                    horizontal[(c * height + y) * size + x] = sum[c];
                }
            }
        }
        float[] out = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float sum = 0;
                    for (int j = 0; j < lines.weights[y].length; j++) {
                        sum += lines.weights[y][j] * horizontal[(c * height + lines.first[y] + j) * size + x];
                    }
                    out[(c * size + y) * size + x] = sum / 255f;
                }
            }
        }
        return out;
    }

    /** For each output position along one axis: the first source pixel it covers and the covered shares. */
    private record Footprint(int[] first, float[][] weights) {
        static Footprint of(int source, int target) {
            double scale = (double) source / target;
            int[] first = new int[target];
            float[][] weights = new float[target][];
            for (int t = 0; t < target; t++) {
                double start = t * scale;
                double end = (t + 1) * scale;
                first[t] = (int) Math.floor(start);
                int last = Math.min(source - 1, (int) Math.ceil(end) - 1);
                weights[t] = new float[last - first[t] + 1];
                for (int s = first[t]; s <= last; s++) {
                    weights[t][s - first[t]] = (float) ((Math.min(end, s + 1) - Math.max(start, s)) / scale);
                }
            }
            return new Footprint(first, weights);
        }
    }

    @Override
    protected long availableSize() {
        return rows.length;
    }

    @Override
    public void prepare(Progress progress) {
        // The annotations are read by the builder; images are read on demand.
    }

    /** Builds a {@link CelebA} dataset; also set the sampling ({@code setSampling}). */
    public static final class Builder extends BaseBuilder<Builder> {
        private Path folder;
        private CelebAFiles files;
        private Partition partition = Partition.TRAIN;
        private int imageSize = 64;
        private int loaderThreads;
        private List<String> tasks;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the data folder, holding {@code img_align_celeba/} and the two text files, to be read by {@link #build()}. */
        public Builder setDataFolder(Path folder) {
            this.folder = folder;
            this.files = null;
            return this;
        }

        /** Sets annotation files already read, to share them between partitions. */
        public Builder setFiles(CelebAFiles files) {
            this.files = files;
            this.folder = null;
            return this;
        }

        /** Sets the partition; default {@link Partition#TRAIN}. */
        public Builder optPartition(Partition partition) {
            this.partition = partition;
            return this;
        }

        /** Sets the side of the square images fed to the model; default 64. */
        public Builder optImageSize(int imageSize) {
            if (imageSize <= 0) {
                throw new IllegalArgumentException("the image size must be positive, got " + imageSize);
            }
            this.imageSize = imageSize;
            return this;
        }

        /** Labels only these attributes, in this order (for single-task models); default all, in file order. */
        public Builder optTasks(List<String> tasks) {
            this.tasks = List.copyOf(tasks);
            return this;
        }

        /** Sets the number of background threads that read batches ahead; default 0, reading when asked. */
        public Builder optLoaderThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("the number of loader threads must be 0 or more, got " + threads);
            }
            this.loaderThreads = threads;
            return this;
        }

        /**
         * Builds the dataset: the partition's images in file order, the first {@code optLimit} of them when
         * a limit is set.
         *
         * @return the dataset
         * @throws IOException if the text files are malformed or a selected image is missing
         */
        public CelebA build() throws IOException {
            if (folder == null && files == null) {
                throw new IllegalStateException("CelebA needs its data: setDataFolder(folder) or setFiles(files)");
            }
            return new CelebA(this, files != null ? files : CelebAFiles.read(folder));
        }
    }
}
