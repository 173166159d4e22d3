package org.unlearnlab.engine.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run cancelled part-way and resumed ends exactly where the same run without the interruption ends: the same
 * rows, the same removed samples in the same order, the same weights and optimiser state, for a warm-started
 * LeNet-5 and for the paper's CNN, whose dropout masks come from ND4J's random generator.
 */
class RunResumptionTest {
    private static final DatasetSplit DATA = SmallMnist.split(2000, 300);

    private static ExperimentConfig config(ModelPreset preset, int train, RetrainMode retrain,
                                           UnlearningStrategy strategy) {
        ExperimentConfig d = ExperimentConfig.defaults();
        return d.withName("resume-" + preset.id())
                .withData(new ExperimentConfig.Data(null, train, preset == ModelPreset.PAPER_CNN ? 150 : 300))
                .withModel(new ExperimentConfig.Model(preset))
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 42))
                .withAttack(new ExperimentConfig.Attack(0.1, d.attack().fgsmVariant(), 2, 0.04, true))
                .withUnlearning(new ExperimentConfig.Unlearning(strategy, 30, 3, 1.0, Metric.FGSM_STABLE,
                        retrain, 1, 400))
                .withEvaluation(new ExperimentConfig.Evaluation(150, true));
    }

    @Test
    void lenetWarmStartCancelledInIterationTwoAndResumedEndsAsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        assertResumeReproduces(config(ModelPreset.LENET5, 2000, RetrainMode.CONTINUE, UnlearningStrategy.LOSS_RANKED),
                dir, 1);
    }

    @Test
    void paperCnnWithDropoutCancelledAndResumedEndsAsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        // 300 images keep the 1.2M-parameter CNN fast; RANDOM skips the ranking pool, dropout draws all the same.
        assertResumeReproduces(config(ModelPreset.PAPER_CNN, 300, RetrainMode.CONTINUE, UnlearningStrategy.RANDOM)
                .withEvaluation(new ExperimentConfig.Evaluation(100, true)), dir, 1);
    }

    @Test
    void cancelledBeforeTheFirstEvaluationResumesFromTheTrainedModel(@TempDir Path dir) throws Exception {
        assertResumeReproduces(config(ModelPreset.LENET5, 1000, RetrainMode.SCRATCH, UnlearningStrategy.LOSS_RANKED),
                dir, -1);
    }

    /** Runs {@code cfg} whole, and again cancelled once iteration {@code cancelAfter} finished, then resumed. */
    private static void assertResumeReproduces(ExperimentConfig cfg, Path dir, int cancelAfter) throws Exception {
        RunFolder whole = RunFolder.createAt(dir.resolve("whole"), cfg);
        RunOutcome expected = new ExperimentRunner(cfg).withData(DATA).run(whole, ExperimentListener.NONE,
                CancellationToken.none());
        assertEquals(StopReason.BUDGET_EXHAUSTED, expected.reason());

        RunFolder cut = RunFolder.createAt(dir.resolve("cut"), cfg);
        CancellationToken token = new CancellationToken();
        RunOutcome cancelled = new ExperimentRunner(cfg).withData(DATA).run(cut, new ExperimentListener() {
            @Override
            public void iterationFinished(IterationMetrics m) {
                if (m.iteration() == cancelAfter) {
                    token.cancel(); // takes effect within the next batch: mid-training of the next iteration
                }
            }

            @Override
            public void epochFinished(org.unlearnlab.engine.metrics.EpochMetrics m) {
                if (cancelAfter < 0) {
                    token.cancel(); // the first model is trained and saved, its evaluation has not finished
                }
            }
        }, token);
        assertEquals(StopReason.CANCELLED, cancelled.reason());
        assertEquals(RunStatus.CANCELLED, RunFolder.open(cut.path()).readSummary().status());

        RunResumption resumption = RunResumption.open(cut.path());
        assertEquals(cancelAfter, resumption.lastFinishedIteration());
        RunOutcome resumed = resumption.withData(DATA).run(ExperimentListener.NONE, CancellationToken.none());
        assertEquals(StopReason.BUDGET_EXHAUSTED, resumed.reason());

        assertSameFigures(expected.iterations(), resumed.iterations());
        assertEquals(expected.removed(), resumed.removed(), "removed samples, in order");
        // And on disk: no row of the cancelled iteration left twice, the summary complete again.
        RunFolder a = RunFolder.open(whole.path());
        RunFolder b = RunFolder.open(cut.path());
        assertSameFigures(a.readIterations(), b.readIterations());
        assertEquals(a.readRemoved(), b.readRemoved());
        assertEquals(a.readEpochs().size(), b.readEpochs().size(), "epoch rows");
        for (int i = 0; i < a.readEpochs().size(); i++) {
            assertEquals(a.readEpochs().get(i).trainLoss(), b.readEpochs().get(i).trainLoss(), "epoch row " + i);
        }
        assertEquals(RunStatus.COMPLETE, b.readSummary().status());
        assertEquals(a.readSummary().iterationsDone(), b.readSummary().iterationsDone());

        Classifier ma = Classifier.load(a.modelPath(), cfg.model().preset());
        Classifier mb = Classifier.load(b.modelPath(), cfg.model().preset());
        assertArrayEquals(ma.network().params().toFloatVector(), mb.network().params().toFloatVector(),
                "final weights");
        INDArray ua = ma.network().getUpdater().getStateViewArray();
        INDArray ub = mb.network().getUpdater().getStateViewArray();
        assertNotNull(ua);
        assertArrayEquals(ua.toFloatVector(), ub.toFloatVector(), "Adam's moments");

        // Every iteration's model is kept, the resumed run's as well; the last one is the final model.
        int last = a.readSummary().iterationsDone();
        for (int i = 0; i <= last; i++) {
            assertTrue(Files.isRegularFile(b.iterationModelPath(i)), "model of iteration " + i);
        }
        try (var kept = Files.list(b.path().resolve(RunFolder.ITERATION_MODELS))) {
            assertEquals(last + 1, kept.count(), "one model per iteration, none for the checkpoint before iteration 0");
        }
        Classifier kept = Classifier.load(b.iterationModelPath(last), cfg.model().preset());
        assertArrayEquals(mb.network().params().toFloatVector(), kept.network().params().toFloatVector(),
                "the last kept model is the final one");
    }

    private static void assertSameFigures(List<IterationMetrics> expected, List<IterationMetrics> actual) {
        assertEquals(expected.size(), actual.size(), "iteration rows");
        for (int i = 0; i < expected.size(); i++) {
            IterationMetrics x = expected.get(i);
            IterationMetrics y = actual.get(i);
            String row = "row " + i;
            assertEquals(x.iteration(), y.iteration(), row);
            assertEquals(x.trainSize(), y.trainSize(), row);
            assertEquals(x.removedTotal(), y.removedTotal(), row);
            assertEquals(x.clean(), y.clean(), row);
            assertEquals(x.fgsmStable(), y.fgsmStable(), row);
            assertEquals(x.fgsmPaper(), y.fgsmPaper(), row);
            assertEquals(x.pgd(), y.pgd(), row);
            assertEquals(x.finalFullTest(), y.finalFullTest(), row);
        }
    }

    @Test
    void refusesAFolderThatIsNotARunACompleteRunAndARunWithoutResumeState(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        RunNotResumableException notRun = assertThrows(RunNotResumableException.class, () -> RunResumption.open(empty));
        assertTrue(notRun.getMessage().contains("is not a run folder"), notRun.getMessage());

        ExperimentConfig cfg = config(ModelPreset.LENET5, 500, RetrainMode.CONTINUE, UnlearningStrategy.LOSS_RANKED)
                .withUnlearning(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 20, 1, 1.0,
                        Metric.FGSM_STABLE, RetrainMode.CONTINUE, 1, 100));
        RunFolder done = RunFolder.createAt(dir.resolve("done"), cfg);
        new ExperimentRunner(cfg).withData(DATA).run(done, ExperimentListener.NONE, CancellationToken.none());
        RunNotResumableException complete = assertThrows(RunNotResumableException.class,
                () -> RunResumption.open(done.path()));
        assertEquals(done.path() + ": the run is complete already; there is nothing to resume", complete.getMessage());

        // A run of an UnlearnLab before resumable runs: model.zip without the resume entry, cancelled.
        RunFolder old = RunFolder.createAt(dir.resolve("old"), cfg);
        old.writeModel(SmallMnist.trainedLenet()::save);
        old.finish(RunStatus.CANCELLED, "cancelled");
        RunNotResumableException noState = assertThrows(RunNotResumableException.class,
                () -> RunResumption.open(old.path()));
        assertTrue(noState.getMessage().contains("has no resume state (it was recorded by an UnlearnLab without"),
                noState.getMessage());
        // It still reads like any run, and its model still loads.
        assertEquals(RunStatus.CANCELLED, RunFolder.open(old.path()).readSummary().status());
        assertEquals(ModelPreset.LENET5, Classifier.load(old.modelPath()).preset());
    }
}
