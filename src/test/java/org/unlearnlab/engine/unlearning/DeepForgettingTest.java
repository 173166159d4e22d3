package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fisher, influence and AMUN on a LeNet-5 trained on a little real MNIST. */
class DeepForgettingTest {
    private static final TrainingData DATA = TrainingData.of(SmallMnist.split(3000, 200));
    private static final int[] FORGET = IntStream.range(0, 20).toArray();
    private static final int[] REMAINING = IntStream.range(20, 400).toArray();

    /** A copy of the shared trained model, which the tests may change. */
    private static Classifier trained() {
        Classifier c = Classifier.create(ModelPreset.LENET5, 1e-3, 42);
        c.network().params().assign(SmallMnist.trainedLenet().network().params());
        return c;
    }

    private static List<RemovedSample> removed(int[] rows) {
        return Arrays.stream(rows).mapToObj(i -> new RemovedSample(i, DATA.train().labels()[i], -1, 0f, 1)).toList();
    }

    private static ExperimentConfig config(ForgetSettings f) {
        return ExperimentConfig.defaults().withForget(f);
    }

    private static UnlearningMethod method(ForgetSettings f) {
        Trainer trainer = new Trainer(DATA.train(), DATA.test(), 50, ExperimentListener.NONE,
                CancellationToken.none());
        return UnlearningMethod.forForget(config(f), DATA.train(), new Retraining(trainer, 64, new Random(3), null));
    }

    private static ForgetSettings fisher(double alpha, boolean noiseOnly, double clip) {
        ForgetSettings d = ForgetSettings.defaults();
        return new ForgetSettings(ForgetMethod.FISHER, d.request(), 1, d.sisa(),
                new ForgetSettings.Fisher(alpha, 1e-6, 40, 1, clip, 0, noiseOnly), d.influence(), d.amun());
    }

    private static long[] predictions(Classifier c) {
        return c.logits(DATA.test().images(0, 200)).argMax(1).toLongVector();
    }

    private static double distance(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue();
    }

    @Test
    void classifierRiskGradientIsTheMeanOverRows() {
        ClassifierRisk risk = new ClassifierRisk(trained(), DATA.train());
        double[] one = risk.gradient(new int[]{5});
        double[] twice = risk.gradient(new int[]{5, 5});
        assertArrayEquals(one, twice, 1e-6);
        assertTrue(EmpiricalRisk.norm(one) > 0);
    }

    @Test
    void fisherNoiseOnlyWithAlphaZeroLeavesTheModelAsItWas() {
        Classifier c = trained();
        INDArray before = c.network().params().dup();
        long[] predicted = predictions(c);
        UnlearningMethod m = method(fisher(0, true, 0));
        assertInstanceOf(FisherForgetting.class, m);
        assertEquals("fisher", m.id());
        Classifier after = m.forget(c, REMAINING, removed(FORGET), 1);
        assertEquals(before, after.network().params());
        assertArrayEquals(predicted, predictions(after));
        assertEquals(0.0, ((ApproximateForgetting) m).lastResult().get("noiseLength"));
    }

    @Test
    void fisherNoiseGrowsWithAlpha() {
        double[] f = {1e-6, 1e-4, 1e-2, 1};
        double[] small = FisherForgetting.noiseStd(f, 1e-8, 1e-6, 0);
        double[] large = FisherForgetting.noiseStd(f, 1e-4, 1e-6, 0);
        for (int i = 0; i < f.length; i++) {
            assertEquals(100 * small[i], large[i], 1e-9 * large[i], "std grows as sqrt(alpha)");
            assertTrue(i == 0 || small[i] < small[i - 1], "less noise where the Fisher is larger");
        }
        assertEquals(1e-3, FisherForgetting.noiseStd(f, 1, 1e-6, 1e-3)[0], 0, "clipped");

        Classifier base = trained();
        double[] shift = new double[2];
        double[] alphas = {1e-9, 1e-7};
        for (int k = 0; k < 2; k++) {
            Classifier c = trained();
            method(fisher(alphas[k], true, 0)).forget(c, REMAINING, removed(FORGET), 1);
            shift[k] = distance(c.network().params(), base.network().params());
        }
        assertTrue(shift[0] > 0);
        assertEquals(10 * shift[0], shift[1], 0.05 * shift[1], "same draw, 100x alpha: 10x the noise");
    }

    @Test
    void fisherNewtonStepMovesAgainstTheRemainingGradient() {
        Classifier c = trained();
        ClassifierRisk risk = new ClassifierRisk(c, DATA.train());
        int[] rows = Arrays.copyOf(REMAINING, 40);
        FisherForgetting.Statistics s = FisherForgetting.statistics(risk, rows, 1, CancellationToken.none());
        double[] perSampleMean = risk.gradient(rows);
        assertArrayEquals(perSampleMean, s.meanGradient(), 1e-6);
        for (double v : s.fisher()) {
            assertTrue(v >= 0);
        }
        double[] step = FisherForgetting.newtonStep(s.fisher(), s.meanGradient(), 1e-6, 0.5);
        assertEquals(0.5, EmpiricalRisk.norm(step), 1e-9, "cut to maxStepNorm");
        double dot = 0;
        for (int i = 0; i < step.length; i++) {
            dot += step[i] * s.meanGradient()[i];
        }
        assertTrue(dot < 0, "a descent direction on the remaining data");
    }

    @Test
    void influenceRemovalChangesTheModelAndReportsItsSettings() {
        ForgetSettings d = ForgetSettings.defaults();
        ForgetSettings f = new ForgetSettings(ForgetMethod.INFLUENCE, d.request(), 1, d.sisa(), d.fisher(),
                new ForgetSettings.Influence(0.01, 5, 50, 64, 10, 0), d.amun());
        UnlearningMethod m = method(f);
        assertInstanceOf(InfluenceForgetting.class, m);
        Classifier c = trained();
        INDArray before = c.network().params().dup();
        m.forget(c, REMAINING, removed(FORGET), 1);
        ApproximateForgetting a = (ApproximateForgetting) m;
        assertEquals(2, a.lastResult().get("updates"), "20 samples in removal batches of 10");
        assertNotEquals(before, c.network().params());
        assertEquals(List.of("damping", "depth", "scale", "batchSize", "removalBatch", "maxNorm", "seed"),
                List.copyOf(a.settings().keySet()));
        assertTrue((double) a.lastResult().get("seconds") > 0);
    }

    @Test
    void everyAmunExampleIsMisclassifiedAtTheFirstBoundThatFlipsIt() {
        Classifier c = trained();
        ForgetSettings.Amun s = new ForgetSettings.Amun(0.005, 2, 0.64, 10, 1);
        TensorData train = DATA.train();
        AmunForgetting.Examples ex = AmunForgetting.adversarialExamples(c, train.imagesAt(FORGET),
                train.labelsAt(FORGET), s, 1, CancellationToken.none());
        double[] schedule = AmunForgetting.schedule(s);
        assertEquals(8, schedule.length, "0.005 doubled up to 0.64");
        int flipped = 0;
        for (int i = 0; i < FORGET.length; i++) {
            int label = train.labels()[FORGET[i]];
            assertFalse(Double.isNaN(ex.epsilon()[i]), "a bound of 0.64 flips every digit");
            flipped++;
            assertNotEquals(label, ex.prediction()[i], "sample " + i);
            INDArray image = TensorData.asImages(ex.images().getRow(i, true), train.source());
            assertEquals(ex.prediction()[i], c.logits(image).argMax(1).getInt(0), "the recorded prediction");
            int k = Arrays.binarySearch(schedule, ex.epsilon()[i]);
            assertTrue(k >= 0, "a bound of the schedule");
            assertTrue(Math.abs(image.sub(train.imagesAt(new int[]{FORGET[i]})).maxNumber().doubleValue())
                    <= ex.epsilon()[i] + 1e-6, "within its bound");
            if (k > 0) {
                // PGD without a random start is deterministic: the bound before must not flip this sample.
                double previous = schedule[k - 1];
                INDArray x = train.imagesAt(new int[]{FORGET[i]});
                INDArray adv = new org.unlearnlab.engine.attack.PgdAttack(previous, s.pgdSteps(),
                        2.5 * previous / s.pgdSteps(), false, 1).perturb(c, x, train.labelsAt(new int[]{FORGET[i]}))
                        .adversarial();
                assertEquals(label, c.logits(adv).argMax(1).getInt(0), "bound " + previous + " already flips " + i);
            }
        }
        assertEquals(FORGET.length, flipped);
    }

    @Test
    void amunFineTunesAndRecordsTheEpsilons() {
        ForgetSettings d = ForgetSettings.defaults();
        ForgetSettings f = new ForgetSettings(ForgetMethod.AMUN, d.request(), 1, d.sisa(), d.fisher(),
                d.influence(), new ForgetSettings.Amun(0.01, 2, 0.64, 10, 1));
        UnlearningMethod m = method(f);
        assertInstanceOf(AmunForgetting.class, m);
        Classifier c = trained();
        INDArray before = c.network().params().dup();
        m.forget(c, REMAINING, removed(FORGET), 1);
        assertNotEquals(before, c.network().params());
        var r = ((ApproximateForgetting) m).lastResult();
        assertEquals(FORGET.length, r.get("forgotten"));
        assertEquals(FORGET.length, ((double[]) r.get("epsilons")).length);
        assertEquals(FORGET.length, (int) r.get("adversarialExamples") + (int) r.get("unflipped"));
    }
}
