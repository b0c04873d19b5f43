package org.rotograd4j.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HaarRotationsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 33, 64, 129})
    void everyDrawIsARotationWhateverTheSizeParity(int m) {
        SplittableRandom random = new SplittableRandom(m);
        for (int draw = 0; draw < 20; draw++) {
            DMatrixRMaj q = HaarRotations.sampleOne(m, random);
            DMatrixRMaj product = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(q, q, product);
            for (int i = 0; i < m; i++) {
                product.add(i, i, -1);
            }
            assertTrue(CommonOps_DDRM.elementMaxAbs(product) < 1e-12, "QᵀQ = I at m = " + m);
            assertEquals(1, CommonOps_DDRM.det(q), 1e-9, "determinant of draw " + draw + " at m = " + m);
        }
    }

    @Test
    void theFirstEntryIsSymmetricAroundZeroAndScaledLikeAUnitVectorsCoordinate() {
        // Under the Haar measure on SO(m), each entry has mean 0 and variance 1/m.
        int m = 6;
        int draws = 4000;
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        double squares = 0;
        for (int draw = 0; draw < draws; draw++) {
            double entry = HaarRotations.sampleOne(m, random).get(0, 0);
            sum += entry;
            squares += entry * entry;
        }
        assertEquals(0, sum / draws, 0.03, "mean of Q[0,0]");
        assertEquals(1.0 / m, squares / draws, 0.015, "variance of Q[0,0]");
    }
}
