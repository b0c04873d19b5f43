package org.rotograd4j.fit;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The batches of one epoch over a {@link RandomAccessDataset}: a permutation that depends only on a seed and
 * the epoch (or the dataset's order), cut into batches, from a given batch on. A resumed run therefore sees
 * exactly the batches the interrupted run would have seen.
 */
final class EpochOrder implements Sampler {

    private final long seed;
    private final int epoch;
    private final int batchSize;
    private final int firstBatch;
    private final boolean shuffle;

    /**
     * Creates the order.
     *
     * @param seed the run's shuffle seed
     * @param epoch the 1-based epoch
     * @param batchSize the batch size (the last batch may be smaller)
     * @param firstBatch the index of the first batch to give
     * @param shuffle whether to permute the samples; otherwise they come in the dataset's order
     */
    EpochOrder(long seed, int epoch, int batchSize, int firstBatch, boolean shuffle) {
        this.seed = seed;
        this.epoch = epoch;
        this.batchSize = batchSize;
        this.firstBatch = firstBatch;
        this.shuffle = shuffle;
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        long size = dataset.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("datasets of more than 2^31 - 1 samples are not supported, got " + size);
        }
        int[] order = new int[(int) size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom epochs = new SplittableRandom(seed);
            for (int e = 1; e < epoch; e++) {
                epochs.nextLong();
            }
            SplittableRandom random = new SplittableRandom(epochs.nextLong());
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return new Iterator<>() {
            private long next = (long) firstBatch * batchSize;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = (int) Math.min(order.length, next + batchSize);
                List<Long> batch = new ArrayList<>(end - (int) next);
                for (int i = (int) next; i < end; i++) {
                    batch.add((long) order[i]);
                }
                next = end;
                return batch;
            }
        };
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }
}
