package org.rotograd4j.rotation;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Samples rotations uniformly (Haar measure) from SO(m): the Q factor of a Gaussian matrix with the signs
 * of R's diagonal moved into Q, and the first column negated when the determinant is -1 (geotorch's
 * recipe).
 */
final class HaarRotations {

    private HaarRotations() {}

    /**
     * Returns {@code count} rotations of size {@code m}, row-major, one after the other. Each rotation has its
     * own generator split from {@code seed}, so they are sampled in parallel (a QR and a determinant of m x m
     * each: about 9 s at m = 1536 on one core) with the same result on any number of cores.
     */
    static double[] sample(int count, int m, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] generators = new SplittableRandom[count];
        for (int k = 0; k < count; k++) {
            generators[k] = root.split();
        }
        double[] out = new double[count * m * m];
        IntStream.range(0, count).parallel()
                .forEach(k -> System.arraycopy(sampleOne(m, generators[k]).data, 0, out, k * m * m, m * m));
        return out;
    }

    private static DMatrixRMaj sampleOne(int m, SplittableRandom random) {
        DMatrixRMaj gaussian = new DMatrixRMaj(m, m);
        for (int i = 0; i < gaussian.data.length; i++) {
            gaussian.data[i] = gaussian(random);
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, m);
        if (!qr.decompose(gaussian)) {
            throw new IllegalStateException("QR decomposition failed while sampling a rotation of size " + m);
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        for (int j = 0; j < m; j++) {
            if (r.get(j, j) < 0) {
                negateColumn(q, j);
            }
        }
        if (CommonOps_DDRM.det(q) < 0) {
            negateColumn(q, 0);
        }
        return q;
    }

    private static void negateColumn(DMatrixRMaj q, int column) {
        for (int i = 0; i < q.numRows; i++) {
            q.set(i, column, -q.get(i, column));
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
