package org.unlearnlab.engine.backdoor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.training.Trainer;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackdoorTest {
    private static final BadNetsTrigger TRIGGER = BadNetsTrigger.of(BackdoorSettings.defaults().trigger());

    @Test
    void stampingTwiceGivesTheSameImageAsOnce() {
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 17) / 17f;
        }
        float[] once = TRIGGER.stamped(image, 28);
        assertArrayEquals(once, TRIGGER.stamped(once, 28));
        assertFalse(Arrays.equals(image, once));
        // Only the square changes: 3 x 3 pixels at rows and columns 24..26, all set to the trigger's value.
        int changed = 0;
        for (int i = 0; i < image.length; i++) {
            int r = i / 28;
            int c = i % 28;
            boolean inSquare = r >= 24 && r < 27 && c >= 24 && c < 27;
            assertEquals(inSquare ? 1f : image[i], once[i], "pixel " + r + "," + c);
            changed += inSquare ? 1 : 0;
        }
        assertEquals(9, changed);
    }

    @Test
    void attackSuccessRateCountsOnlyNonTargetImages() {
        int target = 3;
        int[] truth = {3, 3, 3, 1, 2, 5, 7};
        long[] predictions = {3, 3, 3, 3, 2, 8, 3};
        BackdoorMetrics.TriggeredCounts c = BackdoorMetrics.countTriggered(predictions, truth, target);
        assertEquals(4, c.counted());
        assertEquals(2, c.toTarget());
        assertEquals(0.5, c.attackSuccessRate());
        assertEquals(0.25, c.robustAccuracy());
    }

    @Test
    void triggeredTestSetLeavesOutTheTargetClassAndKeepsTrueLabels() {
        ImageDataset test = SmallMnist.split(100, 200).test();
        TriggeredTestSet t = TriggeredTestSet.of(test, TRIGGER, 7);
        long sevens = Arrays.stream(test.labels()).filter(l -> l == 7).count();
        assertTrue(sevens > 0);
        assertEquals(test.size() - sevens, t.size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(test.label(t.testIndices()[i]), t.images().labels()[i]);
            assertNotEquals(7, t.images().labels()[i]);
        }
    }

    @Test
    void poisoningTakesTheRateFromNonTargetImagesRelabelsAndIsSeeded() {
        ImageDataset train = SmallMnist.split(2000, 10).train();
        PoisonedTrainingSet a = PoisonedTrainingSet.poison(train, TRIGGER, 0, 0.1, 42);
        assertEquals(200, a.poisoned().length);
        for (int i : a.poisoned()) {
            assertNotEquals(0, train.label(i), "a target image was poisoned");
            assertEquals(0, a.data().label(i));
            assertArrayEquals(TRIGGER.stamped(train.image(i), 28), a.data().image(i));
        }
        int untouched = 0;
        for (int i = 0; i < train.size(); i++) {
            if (!a.isPoisoned(i)) {
                assertEquals(train.label(i), a.data().label(i));
                assertArrayEquals(train.image(i), a.data().image(i));
                untouched++;
            }
        }
        assertEquals(1800, untouched);
        assertArrayEquals(a.poisoned(), PoisonedTrainingSet.poison(train, TRIGGER, 0, 0.1, 42).poisoned());
        assertFalse(Arrays.equals(a.poisoned(), PoisonedTrainingSet.poison(train, TRIGGER, 0, 0.1, 43).poisoned()));

        int[] clean = a.cleanSubset(600, 42);
        assertEquals(600, clean.length);
        assertTrue(Arrays.stream(clean).noneMatch(a::isPoisoned));
        assertEquals(600, Arrays.stream(clean).distinct().count());
    }

    @Test
    void aModelTrainedOnCleanDataIgnoresTheTrigger() {
        DatasetSplit s = SmallMnist.split(100, 500);
        Classifier clean = SmallMnist.trainedLenet();
        BackdoorEvaluation e = new BackdoorEvaluation(TensorData.of(s.test()), TriggeredTestSet.of(s.test(), TRIGGER, 0));
        BackdoorMetrics m = e.evaluate(clean, 0, CancellationToken.none());
        assertTrue(m.attackSuccessRate() < 0.05, "ASR " + m.attackSuccessRate());
        // The square costs a weak model some accuracy, but most triggered digits keep their label.
        assertTrue(m.robustAccuracy() > 0.7, "robust accuracy " + m.robustAccuracy());
        assertTrue(m.cleanAccuracy() > 0.7, "clean accuracy " + m.cleanAccuracy());
    }

    @Test
    void sharedAdversarialExamplesStayWithinTheirBound() {
        DatasetSplit s = SmallMnist.split(32, 10);
        TensorData d = TensorData.of(s.train());
        Classifier model = SmallMnist.trainedLenet();
        INDArray x = d.imagesAt(Trainer.range(32));
        SharedAdversarialAttack.Result r = new SharedAdversarialAttack(0.1, 3, 0.05, 0.01, 1.0)
                .perturb(model.copy(), model, x, d.labels());
        double largest = Transforms.abs(r.adversarial().sub(x)).maxNumber().doubleValue();
        assertTrue(largest <= 0.1 + 1e-6, "moved " + largest);
        assertTrue(largest >= 0.1 - 1e-6, "the start at +eps stays where nothing pushes it back, moved " + largest);
        assertTrue(r.shared() >= 0 && r.shared() <= 32);
    }

    @Test
    void oneSauPassRecordsAnEpochAndLeavesTheBackdooredModelAlone() {
        DatasetSplit s = SmallMnist.split(64, 100);
        Classifier backdoored = SmallMnist.trainedLenet();
        float[] before = backdoored.network().params().toFloatVector();
        BackdoorSettings.Sau sau = BackdoorSettings.defaults().sau().withEpochs(1);
        BackdoorEvaluation e = new BackdoorEvaluation(TensorData.of(s.test()), TriggeredTestSet.of(s.test(), TRIGGER, 0));
        SharedAdversarialUnlearning.Result r = new SharedAdversarialUnlearning(sau,
                SharedAdversarialUnlearning.Mode.SAU).run(backdoored, TensorData.of(s.train()), e, 0, 1, ep -> {
                }, CancellationToken.none());
        assertEquals(1, r.epochs().size());
        assertEquals(1, r.epochs().get(0).steps());
        assertArrayEquals(before, backdoored.network().params().toFloatVector());
        assertFalse(Arrays.equals(before, r.model().network().params().toFloatVector()));
        assertTrue(List.of(r.examples()).size() <= SharedAdversarialUnlearning.EXAMPLES);
    }
}
