package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.attack.FgsmAttack;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.RankingSource;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paper's literal ranking (test images, training samples at their indices) and its stopping rule. */
class PaperRankingAndStoppingTest {
    private static final TrainingData DATA = TrainingData.of(SmallMnist.split(600, 300));
    private final Classifier model = SmallMnist.trainedLenet();
    private final FgsmAttack attack = new FgsmAttack(0.1, FgsmVariant.PAPER);

    @Test
    void removesTheTrainingSamplesAtTheIndicesOfTheHighestLossTestImages() {
        int[] active = Arrays.stream(Trainer.range(600)).filter(i -> i % 7 != 0).toArray();
        List<RemovedSample> removed = new PaperTestIndexRemoval(() -> model, DATA.train(), DATA.test(), attack,
                CancellationToken.none()).select(active, 20, 1);
        assertEquals(20, removed.size());
        int[] all = Trainer.range(300);
        AdversarialScores testScores = AdversarialScores.of(model, DATA.test(), all, attack, CancellationToken.none());
        double lowestRemoved = Double.MAX_VALUE;
        for (RemovedSample r : removed) {
            int i = r.datasetIndex();
            assertTrue(i < 300 && i % 7 != 0, "index " + i + " was not an active training sample with a test twin");
            assertEquals(DATA.train().labels()[i], r.label(), "the training sample's label");
            assertEquals(testScores.loss[i], r.loss(), 1e-5, "the loss of the test image at the same index");
            lowestRemoved = Math.min(lowestRemoved, r.loss());
        }
        for (int i = 0; i < 300; i++) {
            int index = i;
            boolean taken = removed.stream().anyMatch(r -> r.datasetIndex() == index);
            if (!taken && i % 7 != 0) {
                assertTrue(testScores.loss[i] <= lowestRemoved, "test image " + i + " ranks higher but was passed over");
            }
        }
    }

    private static ExperimentConfig config(boolean stopAtThreshold) {
        return ExperimentConfig.defaults()
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 3))
                .withEvaluation(new ExperimentConfig.Evaluation(100, false))
                .withUnlearning(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 20, 2, 0.01,
                        Metric.CLEAN, RetrainMode.CONTINUE, 1, 0, RankingSource.PAPER_TEST_INDICES, stopAtThreshold));
    }

    private UnlearningLoop.Result run(ExperimentConfig cfg) throws Exception {
        Classifier m = Classifier.create(cfg.model().preset(), 1e-3, 3);
        return new UnlearningLoop(cfg, DATA.train(), DATA.test(), ExperimentListener.NONE, CancellationToken.none(),
                (model, it) -> { }).run(m, Trainer.range(600));
    }

    @Test
    void withStopAtThresholdOffTheWholeBudgetRunsAndTheRuleIsMarked() throws Exception {
        UnlearningLoop.Result stops = run(config(true));
        assertEquals(StopReason.THRESHOLD_REACHED, stops.reason());
        assertEquals(0, stops.thresholdReachedAt());
        assertEquals(0, stops.removed().size());

        UnlearningLoop.Result goesOn = run(config(false));
        assertEquals(StopReason.BUDGET_EXHAUSTED, goesOn.reason());
        assertEquals(0, goesOn.thresholdReachedAt(), "clean accuracy >= 0.01 from the start");
        assertEquals(40, goesOn.removed().size());
        assertEquals(3, goesOn.iterations().size());
    }
}
