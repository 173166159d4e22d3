package org.unlearnlab.engine.backdoor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.LogitGradientStep;
import org.unlearnlab.engine.model.NetworkFactory;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.training.Trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAU and its fine-tuning baseline step through {@link LogitGradientStep}: the gradient of mean cross-entropy on
 * the logits, given to it, must move the weights as DL4J's own softmax cross-entropy fit does.
 */
class LogitGradientStepTest {

    @Test
    void meanCrossEntropyGradientStepsLikeDl4jsOwnFit() {
        DatasetSplit s = SmallMnist.split(64, 10);
        TensorData d = TensorData.of(s.train());
        Classifier start = SmallMnist.trainedLenet();
        INDArray x = d.imagesAt(Trainer.range(64));
        int[] y = d.labels();

        Classifier viaLogits = start.copy();
        float[][] p = LogitRows.softmax(viaLogits.logits(x));
        float[][] g = new float[64][10];
        for (int i = 0; i < 64; i++) {
            LogitRows.addCrossEntropy(g[i], p[i], y[i], 1.0 / 64);
        }
        new LogitGradientStep(viaLogits, 1e-3).step(x, LogitRows.toArray(g));

        Classifier viaFit = start.copy();
        var net = NetworkFactory.trainable(start.preset(), 1e-3, 1);
        net.setParams(viaFit.network().params());
        net.fit(x, d.labelsAt(Trainer.range(64)));

        float[] a = viaLogits.network().params().toFloatVector();
        float[] b = net.params().toFloatVector();
        float[] before = start.network().params().toFloatVector();
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            moved = Math.max(moved, Math.abs(a[i] - before[i]));
        }
        assertTrue(moved > 1e-4, "the step moved the weights (" + moved + ")");
        assertArrayEquals(b, a, 2e-5f);
    }
}
