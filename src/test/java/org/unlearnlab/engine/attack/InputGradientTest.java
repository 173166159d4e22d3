package org.unlearnlab.engine.attack;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputGradientTest {

    private static double loss(Classifier c, INDArray x, INDArray y) {
        return LogitCrossEntropy.perExample(c.logits(x), y).getDouble(0);
    }

    /** Per-pixel central differences on each image's most influential pixels. */
    @Test
    void stableInputGradientAgreesWithCentralFiniteDifferences() {
        Classifier c = SmallMnist.trainedLenet();
        TensorData t = TensorData.of(SmallMnist.split(100, 20).test());
        assertAgreesWithCentralDifferences(t, 8, new Case() {
            public float[] gradient(INDArray x, int i) {
                return InputGradient.of(c, FgsmVariant.STABLE, x, t.labels(i, i + 1)).dup().data().asFloat();
            }

            public double value(INDArray x, int i) {
                return loss(c, x, t.labels(i, i + 1));
            }
        });
    }

    /** C&amp;W's gradient: d(direction . logits)/dx, on a direction such as C&amp;W passes, c (e_y - e_t). */
    @Test
    void logitDirectionGradientAgreesWithCentralFiniteDifferences() {
        Classifier c = SmallMnist.trainedLenet();
        TensorData t = TensorData.of(SmallMnist.split(100, 20).test());
        assertAgreesWithCentralDifferences(t, 6, new Case() {
            INDArray direction(int i) {
                float[] d = new float[10];
                d[t.labels()[i]] = 2.5f;
                d[(t.labels()[i] + 3) % 10] = -2.5f;
                return Nd4j.create(d, new long[]{1, 10}, 'c');
            }

            public float[] gradient(INDArray x, int i) {
                return InputGradient.ofLogitDirection(c, x, direction(i)).dup().data().asFloat();
            }

            public double value(INDArray x, int i) {
                return c.logits(x).mul(direction(i)).sumNumber().doubleValue();
            }
        });
    }

    /** A gradient under test and the function it should be the gradient of, for image i of a test set. */
    private interface Case {
        float[] gradient(INDArray x, int i);

        double value(INDArray x, int i);
    }

    private static void assertAgreesWithCentralDifferences(TensorData t, int images, Case c) {
        int checked = 0;
        int agreed = 0;
        for (int i = 0; i < images; i++) {
            INDArray x = t.images(i, i + 1).dup();
            int row = i;
            agreed += agreeingPartials(x, c.gradient(x, i), 5, in -> c.value(in, row));
            checked += 5;
        }
        // A rare pixel may still sit on a ReLU or pooling kink; a wrong gradient would miss on most.
        assertTrue(agreed >= checked * 0.9, agreed + " of " + checked + " partial derivatives agree");
    }

    /**
     * Per-pixel central differences of {@code f} on the {@code count} pixels where {@code g} is largest (a random
     * direction would also move background pixels, where max-pooling compares equal values: the function has
     * kinks there and finite differences disagree with any one-sided gradient, correct or not).
     *
     * @return on how many of them g agrees with the finite difference
     */
    private static int agreeingPartials(INDArray x, float[] g, int count, ToDoubleFunction<INDArray> f) {
        double h = 1e-3;
        Integer[] order = new Integer[g.length];
        for (int k = 0; k < g.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
        int agreed = 0;
        for (int r = 0; r < count; r++) {
            int px = order[r];
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.putScalar(px, plus.getDouble(px) + h);
            minus.putScalar(px, minus.getDouble(px) - h);
            double fd = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
            if (Math.abs(fd - g[px]) <= 0.05 * Math.abs(fd) + 1e-3) {
                agreed++;
            }
        }
        return agreed;
    }

    @Test
    void gradientIsPerImageAndIndependentOfBatchSize() {
        Classifier c = SmallMnist.trainedLenet();
        TensorData t = TensorData.of(SmallMnist.split(100, 64).test());
        INDArray batch = InputGradient.of(c, FgsmVariant.STABLE, t.images(0, 64), t.labels(0, 64));
        INDArray single = InputGradient.of(c, FgsmVariant.STABLE, t.images(5, 6), t.labels(5, 6));
        INDArray row = batch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 6));
        // Same sign pattern: FGSM only uses the sign, so batch scaling must not matter.
        INDArray a = org.nd4j.linalg.ops.transforms.Transforms.sign(row, true);
        INDArray b = org.nd4j.linalg.ops.transforms.Transforms.sign(single, true);
        double agree = a.eq(b).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).meanNumber().doubleValue();
        assertTrue(agree > 0.99, "sign agreement " + agree);
    }

    @Test
    void entriesBelowTheRowsFloatResolutionBecomeZeroAndNothingElseChanges() {
        float[] g = {
            0.5f, -2e-7f, 1e-6f, -0.25f,      // largest 0.5: 2e-7 is noise, 1e-6 is resolved (2e-6 of it)
            1e-30f, -3e-31f, 0f, 2e-37f,      // a confident model's stable-loss row: tiny but resolved
            0f, 0f, 0f, 0f};                  // a row FGSM cannot move
        INDArray flushed = InputGradient.flushBelowResolution(Nd4j.create(g, new long[]{3, 1, 2, 2}, 'c'));
        assertArrayEquals(new long[]{3, 1, 2, 2}, flushed.shape());
        assertArrayEquals(new float[]{0.5f, 0f, 1e-6f, -0.25f, 1e-30f, -3e-31f, 0f, 0f, 0f, 0f, 0f, 0f},
                flushed.dup().data().asFloat());
        assertArrayEquals(new boolean[]{false, false, true}, InputGradient.zeroRows(flushed));
    }
}
