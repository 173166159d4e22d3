package org.unlearnlab.engine.attack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.ClippedProbabilityCrossEntropy;
import org.unlearnlab.engine.model.LogitCrossEntropy;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trap this tool exists to show: a saturated softmax gives the paper's loss a zero input gradient. */
class ZeroGradientTest {

    @Test
    void paperLossHasZeroGradientForAConfidentPredictionWhileTheLogitLossDoesNot() {
        INDArray logits = Nd4j.createFromArray(new float[][]{{40f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f}});
        INDArray y = Nd4j.createFromArray(new float[][]{{1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f}});
        INDArray paper = new ClippedProbabilityCrossEntropy().computeGradient(y, logits.dup(), null, null);
        INDArray stable = new LogitCrossEntropy().computeGradient(y, logits.dup(), null, null);
        assertEquals(0.0, org.nd4j.linalg.ops.transforms.Transforms.abs(paper).maxNumber().doubleValue());
        assertTrue(stable.getFloat(0, 3) > 0, "wrong-class entries keep a tiny positive gradient");
    }

    @Test
    void bothLossesAgreeInsideTheClipRange() {
        INDArray logits = Nd4j.createFromArray(new float[][]{{2f, 1f, 0.5f, 0f, -1f, 0f, 0f, 0f, 0f, 3f}});
        INDArray y = Nd4j.createFromArray(new float[][]{{1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f}});
        assertArrayEquals(new LogitCrossEntropy().computeGradient(y, logits.dup(), null, null).toFloatVector(),
                new ClippedProbabilityCrossEntropy().computeGradient(y, logits.dup(), null, null).toFloatVector(), 1e-6f);
    }

    @Test
    void zeroGradientCountIsExactlyTheSaturatedInputsOfAnOverconfidentModel(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        SmallMnist.trainedLenet().save(zip);
        Classifier model = Classifier.load(zip, ModelPreset.LENET5);
        // Sharpen the output layer: same predictions, far more confident, as an over-trained model would be.
        var out = model.network().getLayer(model.network().getnLayers() - 1);
        out.getParam("W").muli(12);
        out.getParam("b").muli(12);
        TensorData t = TensorData.of(SmallMnist.split(100, 500).test());

        INDArray p = model.probabilities(t.images(0, 500));
        float[] pTrue = p.mul(t.oneHot()).sum(1).toFloatVector();
        int saturated = 0;
        for (float v : pTrue) {
            if (v > 1f - ClippedProbabilityCrossEntropy.EPSILON || v < ClippedProbabilityCrossEntropy.EPSILON) {
                saturated++;
            }
        }
        assertTrue(saturated > 50, "the construction must saturate many inputs, got " + saturated);

        AttackSummary paper = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.PAPER), CancellationToken.none());
        AttackSummary stable = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.STABLE), CancellationToken.none());
        assertEquals(saturated, paper.zeroGradientCount());
        assertEquals(0, stable.zeroGradientCount());
        assertTrue(stable.accuracy() < paper.accuracy(),
                "the paper loss must look more robust than it is: " + paper.accuracy() + " vs " + stable.accuracy());
        assertNotEquals(paper.accuracy(), stable.accuracy());
    }
}
