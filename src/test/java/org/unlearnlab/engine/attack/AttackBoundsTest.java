package org.unlearnlab.engine.attack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttackBoundsTest {
    private final Classifier model = SmallMnist.trainedLenet();
    private final TensorData data = TensorData.of(SmallMnist.split(100, 200).test());

    private void assertWithinBudget(AttackBatch adv, INDArray x, double eps) {
        INDArray a = adv.adversarial();
        double linf = Transforms.abs(a.sub(x), false).maxNumber().doubleValue();
        assertTrue(linf <= eps + 1e-6, "L-inf distance " + linf + " exceeds eps " + eps);
        assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1, "pixels leave [0,1]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.05, 0.1, 0.3, 1.0})
    void fgsmStaysInTheEpsilonBallAndInPixelRange(double eps) {
        INDArray x = data.images(0, 200);
        for (FgsmVariant v : FgsmVariant.values()) {
            AttackBatch adv = new FgsmAttack(eps, v).perturb(model, x, data.labels(0, 200));
            assertWithinBudget(adv, x, eps);
        }
    }

    @Test
    void fgsmMovesEveryPixelWithNonZeroGradientByExactlyEpsilonUnlessClipped() {
        INDArray x = data.images(0, 50);
        INDArray y = data.labels(0, 50);
        INDArray g = InputGradient.of(model, FgsmVariant.STABLE, x, y);
        INDArray adv = new FgsmAttack(0.1, FgsmVariant.STABLE).perturb(model, x, y).adversarial();
        float[] xs = x.dup().data().asFloat();
        float[] gs = g.dup().data().asFloat();
        float[] as = adv.dup().data().asFloat();
        for (int i = 0; i < xs.length; i++) {
            float expected = Math.min(1f, Math.max(0f, xs[i] + 0.1f * Math.signum(gs[i])));
            assertEquals(expected, as[i], 1e-6, "pixel " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.1, 0.3})
    void pgdStaysInTheEpsilonBallAndInPixelRange(double eps) {
        INDArray x = data.images(0, 100);
        assertWithinBudget(new PgdAttack(eps, 7, eps / 3, true, 3).perturb(model, x, data.labels(0, 100)), x, eps);
    }

    @Test
    void attacksDoNotModifyTheirInput() {
        INDArray x = data.images(0, 20).dup();
        INDArray before = x.dup();
        new FgsmAttack(0.2, FgsmVariant.STABLE).perturb(model, x, data.labels(0, 20));
        new PgdAttack(0.2, 3, 0.1, true, 1).perturb(model, x, data.labels(0, 20));
        assertEquals(before, x);
    }

    @Test
    void pgdIsAtLeastAsStrongAsFgsmOnATrainedModel() {
        var fgsm = org.unlearnlab.engine.eval.Evaluator.attacked(model, data, 200, new FgsmAttack(0.1, FgsmVariant.STABLE),
                org.unlearnlab.engine.progress.CancellationToken.none());
        var pgd = org.unlearnlab.engine.eval.Evaluator.attacked(model, data, 200, new PgdAttack(0.1, 10, 0.02, true, 1),
                org.unlearnlab.engine.progress.CancellationToken.none());
        assertTrue(pgd.accuracy() <= fgsm.accuracy(), "PGD " + pgd.accuracy() + " vs FGSM " + fgsm.accuracy());
    }
}
