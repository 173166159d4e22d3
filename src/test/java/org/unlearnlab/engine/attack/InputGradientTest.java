package org.unlearnlab.engine.attack;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputGradientTest {

    private static double loss(Classifier c, INDArray x, INDArray y) {
        return LogitCrossEntropy.perExample(c.logits(x), y).getDouble(0);
    }

    /**
     * Per-pixel central differences on each image's most influential pixels. (A random direction would also
     * move background pixels, where max-pooling compares equal values: the loss has kinks there and finite
     * differences disagree with any one-sided gradient, correct or not.)
     */
    @Test
    void stableInputGradientAgreesWithCentralFiniteDifferences() {
        Classifier c = SmallMnist.trainedLenet();
        TensorData t = TensorData.of(SmallMnist.split(100, 20).test());
        double h = 1e-3;
        int checked = 0;
        int agreed = 0;
        for (int i = 0; i < 8; i++) {
            INDArray x = t.images(i, i + 1).dup();
            INDArray y = t.labels(i, i + 1);
            float[] g = InputGradient.of(c, FgsmVariant.STABLE, x, y).dup().data().asFloat();
            Integer[] order = new Integer[g.length];
            for (int k = 0; k < g.length; k++) {
                order[k] = k;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
            for (int r = 0; r < 5; r++) {
                int px = order[r];
                INDArray plus = x.dup();
                INDArray minus = x.dup();
                plus.putScalar(px, plus.getDouble(px) + h);
                minus.putScalar(px, minus.getDouble(px) - h);
                double fd = (loss(c, plus, y) - loss(c, minus, y)) / (2 * h);
                checked++;
                if (Math.abs(fd - g[px]) <= 0.05 * Math.abs(fd) + 1e-3) {
                    agreed++;
                }
            }
        }
        // A rare pixel may still sit on a ReLU or pooling kink; a wrong gradient would miss on most.
        assertTrue(agreed >= checked * 0.9, agreed + " of " + checked + " partial derivatives agree");
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
