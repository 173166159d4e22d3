package org.unlearnlab.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.files.WriteFaults;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling (the app's Cancel button, the CLI's Ctrl-C) at any moment of a recorded run: mid-epoch, in the
 * middle of the attacks of an evaluation, while model.zip is being written, and right after a checkpoint.
 * Each time the run must read CANCELLED, keep every finished iteration row, and hold in model.zip exactly the
 * model of the last finished iteration (its clean loss on the evaluation subset is that row's).
 */
class CancelAnyMomentTest {
    private static final int SUBSET = 200;
    private static final DatasetSplit DATA = SmallMnist.split(800, 300);
    /** PGD of 5 steps makes the attacks most of an evaluation's time. */
    private static final ExperimentConfig CONFIG = TinyConfig.of("cancel", 800, 300, 20, 3, 5, SUBSET, true);

    @Test
    void midEpoch(@TempDir Path dir) throws Exception {
        CancellationToken token = new CancellationToken();
        Path out = run(dir, token, cancelAt(token,
                e -> e instanceof TrainingProgress p && p.phase().equals("iteration 2") && p.batch() == 3));
        RunFolder run = assertCancelledAfter(out, 1);
        assertTrue(run.readEpochs().stream().noneMatch(e -> e.iteration() == 2), "iteration 2's epoch never ended");
        assertEquals(40, run.readRemoved().size(), "iterations 1 and 2 had removed their samples");
    }

    /**
     * The cancel comes from another thread (as from the UI) a tenth of an evaluation's time after iteration
     * 2's retraining ended: inside its evaluation, whose attacks check the token between batches. (A third, as
     * before, let a loaded machine's slower iteration-1 evaluation push the cancel past iteration 2's end.)
     */
    @Test
    void midAttackOfAnEvaluation(@TempDir Path dir) throws Exception {
        CancellationToken token = new CancellationToken();
        long[] evaluationStart = new long[1];
        long[] evaluationNanos = new long[1];
        Path out = run(dir, token, new ExperimentListener() {
            @Override
            public void epochFinished(EpochMetrics m) {
                evaluationStart[0] = System.nanoTime();
                if (m.iteration() == 2) {
                    long delay = evaluationNanos[0] / 10;
                    Thread t = new Thread(() -> {
                        long until = System.nanoTime() + delay;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        token.cancel();
                    }, "test-cancel");
                    t.setDaemon(true);
                    t.start();
                }
            }

            @Override
            public void iterationFinished(IterationMetrics m) {
                if (m.iteration() == 1) {
                    evaluationNanos[0] = System.nanoTime() - evaluationStart[0];
                }
            }
        });
        RunFolder run = assertCancelledAfter(out, 1);
        assertTrue(run.readEpochs().stream().anyMatch(e -> e.iteration() == 2),
                "the cancel came after iteration 2's retraining, i.e. during its evaluation");
    }

    /** Cancelled as the checkpoint of iteration 1 starts writing: the save completes, the next step stops. */
    @Test
    void whileTheModelIsBeingSaved(@TempDir Path dir) throws Exception {
        CancellationToken token = new CancellationToken();
        // Save 1 is the trained model, save 2 the checkpoint after iteration 0's evaluation (both carry the resume
        // state since runs can be resumed), save 3 the checkpoint of iteration 1.
        Path out = runCancellingAtWrite(dir, token, (file, modelSaves) -> file.equals(RunFolder.MODEL) && modelSaves == 3);
        RunFolder run = assertCancelledAfter(out, 1);
        assertEquals(20, run.readRemoved().size(), "iteration 2 never selected its samples");
        assertEquals(List.of(), RunChecks.leftoverTempFiles(out));
    }

    /** Cancelled at the first write after the checkpoint of iteration 1 (iteration 2's removed samples). */
    @Test
    void justAfterTheModelWasSaved(@TempDir Path dir) throws Exception {
        CancellationToken token = new CancellationToken();
        // The first write after the third model.zip that is not the copy kept in models/: iteration 2's removal.
        Path out = runCancellingAtWrite(dir, token, (file, modelSaves) -> !file.equals(RunFolder.MODEL)
                && !file.startsWith("iteration-") && modelSaves == 3);
        RunFolder run = assertCancelledAfter(out, 1);
        // Recorded when they were taken out of the training set, before the cancel reached the retraining.
        assertEquals(2, run.readRemoved().get(run.readRemoved().size() - 1).iteration());
    }

    /** Cancelled as the last iteration ends: its checkpoint is still written, the final full test is skipped. */
    @Test
    void atTheLastCheckpointBeforeTheFinalTest(@TempDir Path dir) throws Exception {
        CancellationToken token = new CancellationToken();
        Path out = run(dir, token, cancelAt(token, e -> e instanceof IterationMetrics m && m.iteration() == 3));
        RunFolder run = assertCancelledAfter(out, 3);
        assertTrue(run.readIterations().stream().noneMatch(IterationMetrics::finalFullTest));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Cancels at the first training batch or finished iteration that {@code when} accepts. */
    private static ExperimentListener cancelAt(CancellationToken token, Predicate<Object> when) {
        return new ExperimentListener() {
            @Override
            public void trainingProgress(TrainingProgress p) {
                check(p);
            }

            @Override
            public void iterationFinished(IterationMetrics m) {
                check(m);
            }

            private void check(Object event) {
                if (when.test(event)) {
                    token.cancel();
                }
            }
        };
    }

    /**
     * Runs with {@code token} cancelled just before the first write for which {@code when} accepts the file's
     * name and the number of model saves begun so far (this write included).
     */
    private static Path runCancellingAtWrite(Path dir, CancellationToken token, BiPredicate<String, Integer> when)
            throws Exception {
        AtomicInteger modelSaves = new AtomicInteger();
        try (var hook = WriteFaults.beforeEachWrite(target -> {
            String file = target.getFileName().toString();
            int saves = file.equals(RunFolder.MODEL) ? modelSaves.incrementAndGet() : modelSaves.get();
            if (when.test(file, saves)) {
                token.cancel();
            }
        })) {
            return run(dir, token, ExperimentListener.NONE);
        }
    }

    private static Path run(Path dir, CancellationToken token, ExperimentListener listener) throws Exception {
        RunFolder folder = RunFolder.createAt(dir.resolve("run"), CONFIG);
        RunOutcome o = new ExperimentRunner(CONFIG).withData(DATA).run(folder, listener, token);
        assertEquals(StopReason.CANCELLED, o.reason());
        return folder.path();
    }

    private static RunFolder assertCancelledAfter(Path out, int lastFinished) throws Exception {
        RunFolder run = RunChecks.assertReadable(out, CONFIG);
        assertEquals(RunStatus.CANCELLED, run.readSummary().status());
        List<IterationMetrics> rows = run.readIterations();
        assertEquals(IntStream.rangeClosed(0, lastFinished).boxed().toList(),
                rows.stream().map(IterationMetrics::iteration).toList(), "finished iterations");
        assertEquals(lastFinished, run.readSummary().iterationsDone());
        Classifier saved = Classifier.load(out.resolve(RunFolder.MODEL), ModelPreset.LENET5);
        CleanSummary now = Evaluator.clean(saved, TensorData.of(DATA.test()), SUBSET, CancellationToken.none());
        assertEquals(rows.get(lastFinished).clean().meanLoss(), now.meanLoss(), 1e-9,
                "model.zip is the model of iteration " + lastFinished);
        return run;
    }
}
