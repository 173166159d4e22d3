package org.unlearnlab.engine.healing;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.HealingData;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.TwinMetric;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Twin search, the shrinkage covariance, random spares and the healing table, on constructed cases. */
class TwinsTest {

    private static double[][] randomRows(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] out = new double[n][p];
        for (double[] row : out) {
            for (int j = 0; j < p; j++) {
                row[j] = r.nextDouble();
            }
        }
        return out;
    }

    private static double[][] pick(double[][] rows, int... idx) {
        return Arrays.stream(idx).mapToObj(i -> rows[i]).toArray(double[][]::new);
    }

    @Test
    void aForgottenSampleInTheSparesIsItsOwnTwinUnderEveryRawMetric() {
        double[][] spares = randomRows(40, 12, 1);
        int[] spareRows = java.util.stream.IntStream.range(100, 140).toArray();
        int[] forgottenRows = {107, 121, 133};
        double[][] forgotten = pick(spares, 7, 21, 33);
        List<double[][]> distances = List.of(TwinDistances.euclidean(forgotten, spares),
                TwinDistances.mahalanobis(forgotten, spares), TwinDistances.cosine(forgotten, spares));
        for (double[][] d : distances) {
            List<TwinPair> pairs = Twins.greedy(forgottenRows, spareRows, d, TwinMetric.L2);
            assertArrayEquals(forgottenRows, Twins.rows(pairs));
            for (TwinPair p : pairs) {
                assertEquals(0, p.distance(), 1e-6);
            }
        }
    }

    @Test
    void aForgottenDigitInTheSparesIsItsOwnTwinInTheModelsFeatures() {
        DatasetSplit s = SmallMnist.split(60, 10);
        TensorData train = TensorData.of(s.train());
        Classifier model = Classifier.create(org.unlearnlab.engine.config.ModelPreset.LENET5, 1e-3, 7);
        int layer = ModelFeatures.layerIndex(model, HealingSettings.LAST_HIDDEN);
        int[] spareRows = java.util.stream.IntStream.range(0, 60).toArray();
        double[][] spares = ModelFeatures.of(model, layer, train.imagesAt(spareRows));
        assertEquals(84, spares[0].length, "LeNet-5's last hidden layer has 84 units");
        int[] forgottenRows = {5, 17, 42};
        double[][] forgotten = ModelFeatures.of(model, layer, train.imagesAt(forgottenRows));
        for (double[][] d : List.of(TwinDistances.cosine(forgotten, spares),
                TwinDistances.mahalanobis(forgotten, spares))) {
            List<TwinPair> pairs = Twins.greedy(forgottenRows, spareRows, d, TwinMetric.FEATURE_COSINE);
            assertArrayEquals(forgottenRows, Twins.rows(pairs));
            // Features are float32 and computed in two batches: "0" up to float rounding.
            pairs.forEach(p -> assertEquals(0, p.distance(), 1e-4));
        }
        assertThrows(IllegalArgumentException.class, () -> ModelFeatures.layerIndex(model, 99));
    }

    @Test
    void twinsAreNeverReusedAndRunningOutLeavesTheLastWithout() {
        // Every forgotten point is nearest to spare 0; greedy gives it to the first and the next nearest to the rest.
        double[][] spares = {{0}, {1}, {3}};
        double[][] forgotten = {{0.1}, {0.2}, {0.3}, {0.4}};
        int[] spareRows = {10, 11, 12};
        int[] forgottenRows = {1, 2, 3, 4};
        List<TwinPair> pairs = Twins.greedy(forgottenRows, spareRows,
                TwinDistances.euclidean(forgotten, spares), TwinMetric.L2);
        assertArrayEquals(new int[]{10, 11, 12}, Twins.rows(pairs));
        assertEquals(List.of(1, 2, 3), pairs.stream().map(TwinPair::forgottenRow).toList());
        assertEquals(0.8, pairs.get(1).distance(), 1e-12);
        Set<Integer> used = new HashSet<>();
        pairs.forEach(p -> assertTrue(used.add(p.twinRow())));
    }

    @Test
    void shrinkageIsPositiveDefiniteAndIsTheSampleCovarianceAtIntensityZero() {
        // Fewer rows than dimensions, and a constant column: the sample covariance is singular.
        double[][] rows = randomRows(6, 10, 3);
        for (double[] r : rows) {
            r[4] = 0.5;
        }
        ShrinkageCovariance c = ShrinkageCovariance.ledoitWolf(rows);
        assertThrows(IllegalArgumentException.class, () -> ShrinkageCovariance.cholesky(c.sample()));
        assertTrue(c.intensity() > 0 && c.intensity() <= 1, "intensity " + c.intensity());
        ShrinkageCovariance.cholesky(c.matrix());
        double[][] s0 = c.atIntensity(0);
        // The sample covariance of column pairs, computed directly (divided by n).
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                double mi = 0;
                double mj = 0;
                for (double[] r : rows) {
                    mi += r[i] / rows.length;
                    mj += r[j] / rows.length;
                }
                double cov = 0;
                for (double[] r : rows) {
                    cov += (r[i] - mi) * (r[j] - mj) / rows.length;
                }
                assertEquals(cov, s0[i][j], 1e-12);
            }
        }
        assertEquals(0, c.atIntensity(1)[0][1]);
        assertEquals(c.target(), c.atIntensity(1)[3][3], 1e-12);
    }

    @Test
    void theIntensityFallsWithMoreRowsOfAnAnisotropicCloud() {
        ShrinkageCovariance many = ShrinkageCovariance.ledoitWolf(stretched(randomRows(5000, 5, 4)));
        ShrinkageCovariance few = ShrinkageCovariance.ledoitWolf(stretched(randomRows(8, 5, 4)));
        assertTrue(many.intensity() < 0.05, "many rows: " + many.intensity());
        assertTrue(many.intensity() < few.intensity(), many.intensity() + " vs " + few.intensity());
        // An isotropic cloud's sample covariance differs from mu I by noise alone: shrink all the way.
        assertEquals(1.0, ShrinkageCovariance.ledoitWolf(randomRows(5000, 5, 4)).intensity(), 0.05);
    }

    private static double[][] stretched(double[][] rows) {
        for (double[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                r[j] *= (j + 1) * (j + 1);
            }
        }
        return rows;
    }

    @Test
    void mahalanobisUnderTheIdentityIsEuclidean() {
        double[][] a = randomRows(3, 4, 5);
        double[][] b = randomRows(5, 4, 6);
        ShrinkageCovariance identity = new ShrinkageCovariance(new double[4], new double[4][4], 1.0, 1.0);
        double[][] m = TwinDistances.mahalanobis(a, b, identity);
        double[][] e = TwinDistances.euclidean(a, b);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(e[i], m[i], 1e-12);
        }
    }

    @Test
    void randomSparesAreSeeded() {
        int[] pool = java.util.stream.IntStream.range(1000, 1200).toArray();
        int[] a = RandomSpares.draw(pool, 25, 42);
        assertArrayEquals(a, RandomSpares.draw(pool, 25, 42));
        assertFalse(Arrays.equals(a, RandomSpares.draw(pool, 25, 43)));
        assertEquals(25, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 1000 && i < 1200));
        assertEquals(3, RandomSpares.draw(new int[]{1, 2, 3}, 25, 42).length);
    }

    @Test
    void theTablePicksBestAndWorstPerLength() {
        List<HealedModel> rows = List.of(
                model("R", 1, 0.95), model("R+S", 1, 0.97), model("R+T-l2", 1, 0.93),
                model("R", 3, 0.985), model("R+S", 3, 0.96), model("R+T-l2", 3, 0.99));
        List<HealingTable.Extremes> t = HealingTable.extremes(rows, 0.98);
        assertEquals(2, t.size());
        assertEquals(1, t.get(0).epochs());
        assertEquals("R+S", t.get(0).best().configuration());
        assertEquals("R+T-l2", t.get(0).worst().configuration());
        assertEquals(-0.01, t.get(0).bestMinusGold(), 1e-12);
        assertEquals("R+T-l2", t.get(1).best().configuration());
        assertEquals("R+S", t.get(1).worst().configuration());
        assertEquals(0.01, t.get(1).bestMinusGold(), 1e-12);
        assertNotEquals(t.get(0).best(), t.get(0).worst());
    }

    private static HealedModel model(String name, int epochs, double test) {
        return new HealedModel(name, HealingData.REMAINING_PLUS_HEALING, HealingStrategy.TWINS, TwinMetric.L2, epochs,
                25, test, 0, 0, 1);
    }

}
