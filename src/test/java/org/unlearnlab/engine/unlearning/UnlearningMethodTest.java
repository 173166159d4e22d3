package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The methods the loop forgets with: what each keeps of the model it is given, and what it trains on. */
class UnlearningMethodTest {
    private static final TrainingData DATA = TrainingData.of(SmallMnist.split(400, 50));
    private static final int[] REMAINING = Arrays.copyOfRange(Trainer.range(400), 100, 400);

    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final ExperimentListener events = new ExperimentListener() {
        @Override
        public void epochFinished(EpochMetrics e) {
            epochs.add(e);
        }
    };

    private static ExperimentConfig config(RetrainMode mode) {
        return ExperimentConfig.defaults()
                .withTraining(new ExperimentConfig.Training(2, 50, 1e-3, 9))
                .withUnlearning(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 100, 1, 1.0,
                        Metric.FGSM_STABLE, mode, 1, 0));
    }

    private UnlearningMethod method(RetrainMode mode) {
        Trainer trainer = new Trainer(DATA.train(), DATA.test(), 20, events, CancellationToken.none());
        return UnlearningMethod.forConfig(config(mode), new Retraining(trainer, 50, new Random(3), null));
    }

    private static Classifier model(long seed) {
        return Classifier.create(ModelPreset.LENET5, 1e-3, seed);
    }

    @Test
    void warmStartKeepsTrainingTheSameModelOnWhatRemains() {
        UnlearningMethod m = method(RetrainMode.CONTINUE);
        assertInstanceOf(WarmStartRetraining.class, m);
        assertEquals("continue", m.id());
        Classifier before = model(1);
        INDArray weights = before.network().params().dup();
        Classifier after = m.forget(before, REMAINING, List.of(), 4);
        assertSame(before, after);
        assertNotEquals(weights, after.network().params());
        assertEquals(1, epochs.size(), "retrainEpochs of the config");
        assertEquals(REMAINING.length, epochs.get(0).trainSize());
        assertEquals("iteration 4", epochs.get(0).phase());
    }

    @Test
    void retrainingFromScratchKeepsNothingOfTheModelItIsGiven() {
        UnlearningMethod m = method(RetrainMode.SCRATCH);
        assertInstanceOf(RetrainFromScratch.class, m);
        assertEquals("scratch", m.id());
        Classifier given = model(1);
        Classifier fromOne = m.forget(given, REMAINING, List.of(), 1);
        Classifier fromAnother = method(RetrainMode.SCRATCH).forget(model(2), REMAINING, List.of(), 1);
        assertNotSame(given, fromOne);
        assertEquals(fromOne.network().params(), fromAnother.network().params(),
                "two different starting models must give the same retrained model");
        assertEquals(4, epochs.size(), "the first training's 2 epochs, once per retrained model");
        assertEquals(REMAINING.length, epochs.get(0).trainSize());
    }
}
