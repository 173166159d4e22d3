package org.unlearnlab.engine.audit;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUC as the Mann-Whitney statistic on constructed score sets. */
class RocAucTest {

    @Test
    void identicalDistributionsGiveOneHalf() {
        double[] a = {0.1, 0.4, 0.4, 0.9, 0.3};
        assertEquals(0.5, RocAuc.of(a, a.clone()), 1e-12);
        Random r = new Random(1);
        double[] x = new double[4000];
        double[] y = new double[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
        }
        assertEquals(0.5, RocAuc.of(x, y), 0.02, "two samples of one distribution");
    }

    @Test
    void disjointDistributionsGiveOneOrZero() {
        double[] high = {5, 6, 7};
        double[] low = {1, 2, 3, 4};
        assertEquals(1.0, RocAuc.of(high, low));
        assertEquals(0.0, RocAuc.of(low, high));
    }

    @Test
    void tiesCountHalf() {
        assertEquals(0.5, RocAuc.of(new double[]{1, 1}, new double[]{1, 1, 1}));
        // Pairs: (2 vs 1) win, (2 vs 2) half, (3 vs 1) win, (3 vs 2) win: 3.5 of 4.
        assertEquals(3.5 / 4, RocAuc.of(new double[]{2, 3}, new double[]{1, 2}));
    }

    @Test
    void anEmptySideHasNoAuc() {
        assertTrue(Double.isNaN(RocAuc.of(new double[0], new double[]{1})));
    }
}
