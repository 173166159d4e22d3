package org.unlearnlab.engine.attack;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C&W on cases whose answer is known, and on real digits against what FGSM needs to flip them. */
class CarliniWagnerL2AttackTest {
    private static final CancellationToken NONE = CancellationToken.none();
    /** Few steps from a larger c than the default, so that a test run finds most flips in seconds. */
    private static final CarliniWagnerL2Attack QUICK = new CarliniWagnerL2Attack(4, 40, 0.1, 0, 0.1);
    private static final int N = 30;

    private final Classifier model = SmallMnist.trainedLenet();
    private final TensorData data = TensorData.of(SmallMnist.split(100, N).test());

    private static int[] predictions(Classifier model, INDArray images) {
        long[] p = model.logits(images).argMax(1).toLongVector();
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (int) p[i];
        }
        return out;
    }

    private static double[] rowL2(INDArray a, INDArray b) {
        long n = a.size(0);
        INDArray d = a.sub(b).reshape('c', n, a.length() / n);
        return d.mul(d).sum(1).toDoubleVector().clone();
    }

    @Test
    void anInputTheModelAlreadyGetsWrongComesBackUnchangedWithDistanceZero() {
        INDArray x = data.images(0, 10);
        int[] predicted = predictions(model, x);
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            // Even rows: a label the model does not predict, so the clean image is already misclassified.
            labels[i] = i % 2 == 0 ? (predicted[i] + 1) % 10 : predicted[i];
        }
        CarliniWagnerL2Attack.Result r = QUICK.run(model, x, TensorData.oneHot(labels, 10), NONE);
        int[] after = predictions(model, r.adversarial());
        double[] moved = rowL2(r.adversarial(), x);
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                assertTrue(r.misclassified()[i] && r.success()[i], "row " + i);
                assertEquals(0.0, r.l2()[i]);
                assertEquals(0.0, moved[i], "row " + i + " must be returned as it was");
            } else {
                assertFalse(r.misclassified()[i], "row " + i);
                if (r.success()[i]) {
                    assertTrue(after[i] != labels[i] && moved[i] > 0, "row " + i);
                }
            }
        }
    }

    @Test
    void onRealDigitsEveryFlipIsMisclassifiedInTheBoxAndNoFartherThanFgsmAtPointThree() {
        INDArray x = data.images(0, N);
        INDArray y = data.labels(0, N);
        CarliniWagnerL2Attack.Result r = QUICK.run(model, x, y, NONE);
        INDArray adv = r.adversarial();
        assertArrayEquals(x.shape(), adv.shape());
        assertTrue(adv.minNumber().doubleValue() >= 0 && adv.maxNumber().doubleValue() <= 1, "pixels left [0, 1]");

        int[] labels = data.labels();
        int[] after = predictions(model, adv);
        double[] moved = rowL2(adv, x);
        INDArray fgsm = new FgsmAttack(0.3, FgsmVariant.STABLE).perturb(model, x, y).adversarial();
        int[] afterFgsm = predictions(model, fgsm);
        double[] fgsmMoved = rowL2(fgsm, x);
        int flipped = 0;
        int compared = 0;
        for (int i = 0; i < N; i++) {
            if (r.misclassified()[i]) {
                continue;
            }
            if (r.success()[i]) {
                flipped++;
                assertTrue(after[i] != labels[i], "image " + i + " reported flipped but still classified correctly");
                assertEquals(Math.sqrt(moved[i]), r.l2()[i], 1e-3, "reported L2 of image " + i);
                if (afterFgsm[i] != labels[i]) {
                    compared++;
                    assertTrue(r.l2()[i] <= Math.sqrt(fgsmMoved[i]), "image " + i + ": C&W L2 " + r.l2()[i]
                            + " > FGSM's " + Math.sqrt(fgsmMoved[i]));
                }
            } else {
                assertEquals(0.0, moved[i], "an image C&W could not flip is returned as it was");
                assertEquals(labels[i], after[i]);
            }
        }
        assertTrue(flipped >= N / 2, "C&W flipped only " + flipped + " of " + N);
        assertTrue(compared >= 5, "too few images flipped by both attacks to compare: " + compared);
    }

    @Test
    void moreSearchFlipsMoreDigits() {
        CarliniWagnerL2Attack starved = new CarliniWagnerL2Attack(1, 40, 0.1, 0, 1e-3);
        CarliniWagnerSummary little = Evaluator.carliniWagner(model, data, N, starved, NONE);
        CarliniWagnerSummary more = Evaluator.carliniWagner(model, data, N, QUICK, NONE);
        assertEquals(little.correct(), more.correct());
        assertTrue(more.successRate() > little.successRate() + 0.3,
                "success " + little.successRate() + " with one tiny c vs " + more.successRate() + " with the search");
        assertTrue(more.medianL2() > 0 && more.medianL2() <= more.meanL2() * 2);
        assertEquals(more.accuracy(), (more.correct() - more.flipped()) / (double) N, 1e-12);
    }

    @Test
    void summaryFiguresOnAKnownSetOfDistances() {
        CarliniWagnerSummary s = CarliniWagnerSummary.of(10, 8, new double[]{3, 1, 2, 10});
        assertEquals(0.5, s.successRate());
        assertEquals(2.5, s.medianL2());
        assertEquals(4.0, s.meanL2());
        assertEquals(0.4, s.accuracy());
        CarliniWagnerSummary none = CarliniWagnerSummary.of(5, 0, new double[0]);
        assertEquals(0.0, none.successRate());
        assertTrue(Double.isNaN(none.medianL2()) && Double.isNaN(none.meanL2()));
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CarliniWagnerL2Attack(0, 10, 0.1, 0, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CarliniWagnerL2Attack(1, 10, 0.1, -1, 1));
    }
}
