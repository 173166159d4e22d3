package org.unlearnlab.engine.unlearning;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop on real MNIST, cut to 2,000 training images so the whole class runs in seconds. */
class UnlearningLoopTest {
    private static final DatasetSplit DATA = SmallMnist.split(2000, 300);

    private static ExperimentConfig config(UnlearningStrategy strategy, int iterations, double threshold) {
        ExperimentConfig d = ExperimentConfig.defaults();
        return d.withName("test")
                .withData(new ExperimentConfig.Data(null, 2000, 300))
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 42))
                .withAttack(new ExperimentConfig.Attack(0.1, d.attack().fgsmVariant(), 3, 0.04, true))
                .withUnlearning(new ExperimentConfig.Unlearning(strategy, 40, iterations, threshold, Metric.FGSM_STABLE,
                        RetrainMode.CONTINUE, 1, 600))
                .withEvaluation(new ExperimentConfig.Evaluation(200, true));
    }

    private static RunOutcome run(ExperimentConfig cfg, ExperimentListener l) throws Exception {
        return new ExperimentRunner(cfg).withData(DATA).run(null, l, CancellationToken.none());
    }

    @Test
    void lossRankedRemovalRemovesTheHighestAdversarialLossSamplesEachIteration() throws Exception {
        List<List<RemovedSample>> perIteration = new ArrayList<>();
        RunOutcome o = run(config(UnlearningStrategy.LOSS_RANKED, 2, 1.0), new ExperimentListener() {
            @Override
            public void samplesRemoved(int iteration, List<RemovedSample> removed) {
                perIteration.add(removed);
            }
        });
        assertEquals(StopReason.BUDGET_EXHAUSTED, o.reason());
        assertEquals(2, perIteration.size());
        assertEquals(80, o.removed().size());
        assertEquals(2000 - 80, o.trainSizeLeft());
        Set<Integer> distinct = new HashSet<>();
        for (RemovedSample r : o.removed()) {
            assertTrue(distinct.add(r.datasetIndex()), "removed twice: " + r.datasetIndex());
            assertEquals(DATA.train().label(r.datasetIndex()), r.label());
        }
        for (List<RemovedSample> it : perIteration) {
            for (int i = 1; i < it.size(); i++) {
                assertTrue(it.get(i - 1).loss() >= it.get(i).loss(), "removals must come in descending loss order");
            }
            // The highest-loss adversarial examples are almost all misclassified.
            long wrong = it.stream().filter(r -> r.adversarialPrediction() != r.label()).count();
            assertTrue(wrong >= it.size() * 0.9, "only " + wrong + " of " + it.size() + " removed were fooled");
        }
        // iteration 0, 1, 2, then the final row on all 300 test images
        List<IterationMetrics> rows = o.iterations();
        assertEquals(4, rows.size());
        assertEquals(List.of(2000, 1960, 1920, 1920), rows.stream().map(IterationMetrics::trainSize).toList());
        assertTrue(rows.get(3).finalFullTest());
        assertEquals(300, rows.get(3).evaluated());
        assertEquals(200, rows.get(1).evaluated());
    }

    @Test
    void sameConfigAndSeedGiveTheSameNumbers() throws Exception {
        ExperimentConfig cfg = config(UnlearningStrategy.LOSS_RANKED, 1, 1.0);
        RunOutcome a = run(cfg, ExperimentListener.NONE);
        RunOutcome b = run(cfg, ExperimentListener.NONE);
        assertEquals(a.removed(), b.removed());
        for (int i = 0; i < a.iterations().size(); i++) {
            IterationMetrics x = a.iterations().get(i);
            IterationMetrics y = b.iterations().get(i);
            assertEquals(x.clean(), y.clean());
            assertEquals(x.fgsmStable(), y.fgsmStable());
            assertEquals(x.pgd(), y.pgd());
        }
    }

    @Test
    void baselinesRemoveRandomSamplesOrNone() throws Exception {
        RunOutcome random = run(config(UnlearningStrategy.RANDOM, 1, 1.0), ExperimentListener.NONE);
        assertEquals(40, random.removed().size());
        RunOutcome adv = run(config(UnlearningStrategy.ADVERSARIAL_TRAINING, 1, 1.0), ExperimentListener.NONE);
        assertEquals(0, adv.removed().size());
        assertEquals(2000, adv.trainSizeLeft());
        // Adversarial training is the baseline that really moves FGSM accuracy, even after one epoch.
        double before = adv.iterations().get(0).fgsmStable().accuracy();
        double after = adv.iterations().get(1).fgsmStable().accuracy();
        assertTrue(after > before, "adversarial training: FGSM accuracy " + before + " -> " + after);
    }

    @Test
    void stopsAtTheThresholdAndWhenCancelled() throws Exception {
        RunOutcome reached = run(config(UnlearningStrategy.LOSS_RANKED, 5, 0.01), ExperimentListener.NONE);
        assertEquals(StopReason.THRESHOLD_REACHED, reached.reason());
        assertEquals(0, reached.removed().size());

        CancellationToken token = new CancellationToken();
        RunOutcome cancelled = new ExperimentRunner(config(UnlearningStrategy.LOSS_RANKED, 5, 1.0)).withData(DATA)
                .run(null, new ExperimentListener() {
                    @Override
                    public void iterationFinished(IterationMetrics m) {
                        if (m.iteration() == 1) {
                            token.cancel();
                        }
                    }
                }, token);
        assertEquals(StopReason.CANCELLED, cancelled.reason());
        assertEquals(40, cancelled.removed().size(), "the finished iteration is kept");
    }
}
