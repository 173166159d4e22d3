package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.backdoor.BackdoorEvaluation;
import org.unlearnlab.engine.backdoor.BackdoorMetrics;
import org.unlearnlab.engine.backdoor.BadNetsTrigger;
import org.unlearnlab.engine.backdoor.PoisonedTrainingSet;
import org.unlearnlab.engine.backdoor.SharedAdversarialUnlearning;
import org.unlearnlab.engine.backdoor.TriggeredTestSet;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.TrainingData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * A backdoor experiment end to end: poison the config's training set with a BadNets trigger, train the config's
 * model on it, purify that model with SAU, and run the baselines (fine-tuning on the same clean set, the paper's
 * loss-ranked removal on the poisoned training set), recording every figure in a run folder as it comes. Used by
 * the CLI and the app; call it from the engine thread.
 */
public final class BackdoorExperiment {
    /** Columns of backdoor-steps.csv. */
    public static final String STEPS_HEADER = "method,epoch,steps,loss,shared,potentialPoisons,cleanAccuracy,"
            + "attackSuccessRate,robustAccuracy,millis";

    /** What a backdoor experiment reports besides training progress and log lines. */
    public interface Listener extends ExperimentListener {
        /** The poisoned training set is ready (before training). */
        default void poisoned(PoisonedTrainingSet set, BadNetsTrigger trigger, int target) {
        }

        /** A method finished: the backdoored model's training first, then SAU and each baseline. */
        default void methodFinished(BackdoorResult.Method result) {
        }

        /** One pass of SAU or fine-tuning. */
        default void purificationEpoch(SharedAdversarialUnlearning.Mode mode, SharedAdversarialUnlearning.Epoch e) {
        }
    }

    /**
     * @param backdoored the model trained on the poisoned set (engine-side; engine thread only); null if cancelled
     *                   before it was trained
     * @param sau        SAU's result, null if not reached
     */
    public record Outcome(BackdoorResult result, boolean cancelled, long millis, Classifier backdoored,
                          SharedAdversarialUnlearning.Result sau, TriggeredTestSet triggered, TensorData test) {
    }

    private final ExperimentConfig config;
    private DatasetSplit loaded;

    public BackdoorExperiment(ExperimentConfig config) {
        if (config.backdoor() == null) {
            throw new IllegalArgumentException("the config has no backdoor section");
        }
        this.config = config;
    }

    /** Use this (already loaded) data instead of loading {@code config.data()}; limits still apply. */
    public BackdoorExperiment withData(DatasetSplit split) {
        this.loaded = split;
        return this;
    }

    /**
     * @param run where to record the run, or null
     * @throws IOException when data cannot be loaded or the run cannot be written (the run is marked failed)
     */
    public Outcome run(RunFolder run, Listener listener, CancellationToken token) throws IOException {
        long start = System.nanoTime();
        State s = new State();
        try {
            body(run, listener, token, s);
            finish(run, RunStatus.COMPLETE, "complete");
            return s.outcome(false, start);
        } catch (CancellationException e) {
            finish(run, RunStatus.CANCELLED, "cancelled");
            listener.log("cancelled");
            return s.outcome(true, start);
        } catch (UncheckedIOException e) {
            ExperimentRunner.fail(run, e.getCause().getMessage());
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            ExperimentRunner.fail(run, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } catch (Error e) {
            ExperimentRunner.fail(run, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            throw e;
        }
    }

    /** What the run has produced so far, so that a cancelled run still returns it. */
    private static final class State {
        BackdoorResult result;
        Classifier backdoored;
        SharedAdversarialUnlearning.Result sau;
        TriggeredTestSet triggered;
        TensorData test;

        Outcome outcome(boolean cancelled, long start) {
            return new Outcome(result, cancelled, (System.nanoTime() - start) / 1_000_000, backdoored, sau,
                    triggered, test);
        }
    }

    private void body(RunFolder run, Listener listener, CancellationToken token, State s) throws IOException {
        BackdoorSettings b = config.backdoor();
        long seed = config.training().seed();
        DatasetSplit split = TrainingData.split(config.data(), loaded);
        BadNetsTrigger trigger = BadNetsTrigger.of(b.trigger());
        PoisonedTrainingSet poisoned = PoisonedTrainingSet.poison(split.train(), trigger, b.target(), b.rate(), seed);
        int[] cleanSet = poisoned.cleanSubset(b.sau().cleanSize(), seed);
        DatasetSplit poisonedSplit = new DatasetSplit(poisoned.data(), split.test(), split.source());
        TrainingData d = TrainingData.of(poisonedSplit);
        s.test = d.test();
        s.triggered = TriggeredTestSet.of(split.test(), trigger, b.target());
        BackdoorEvaluation evaluation = new BackdoorEvaluation(d.test(), s.triggered);
        int finalLimit = config.evaluation().finalFullTest() ? 0 : config.evaluation().iterationSubset();
        listener.log(String.format(Locale.ROOT, "data: %s; %d of %d training images poisoned (target %d, trigger "
                        + "%dx%d at row %d, column %d); clean set: %d unpoisoned training images", d.describe(),
                poisoned.poisoned().length, split.train().size(), b.target(), trigger.size(), trigger.size(),
                trigger.row(), trigger.col(), cleanSet.length));
        listener.poisoned(poisoned, trigger, b.target());
        s.result = new BackdoorResult(b.trigger(), b.target(), b.rate(), split.train().size(),
                poisoned.poisoned().length, cleanSet.length, List.of());

        ExperimentListener events = run == null ? listener : new ExperimentRunner.RunRecorder(run, listener);
        long t0 = System.nanoTime();
        Classifier backdoored = ModelTraining.trainFresh(config, d, "backdoor", events, token);
        long trainMillis = (System.nanoTime() - t0) / 1_000_000;
        s.backdoored = backdoored;
        if (run != null) {
            run.writeNamedModel("backdoored.zip", backdoored::save);
        }
        s.result = record(run, listener, s.result, new BackdoorResult.Method("backdoored",
                evaluation.evaluate(backdoored, finalLimit, token), trainMillis, null, null, null));

        TensorData clean = TensorData.of(split.train().select(cleanSet));
        s.sau = purify(SharedAdversarialUnlearning.Mode.SAU, backdoored, clean, evaluation, run, listener, token);
        s.result = record(run, listener, s.result, methodOf(SharedAdversarialUnlearning.Mode.SAU, s.sau,
                evaluation, finalLimit, token));
        if (run != null) {
            run.writeNamedModel("sau.zip", s.sau.model()::save);
        }
        if (b.baselines().fineTune()) {
            SharedAdversarialUnlearning.Result ft = purify(SharedAdversarialUnlearning.Mode.FINE_TUNE, backdoored,
                    clean, evaluation, run, listener, token);
            s.result = record(run, listener, s.result, methodOf(SharedAdversarialUnlearning.Mode.FINE_TUNE, ft,
                    evaluation, finalLimit, token));
        }
        if (b.baselines().lossRanked()) {
            s.result = record(run, listener, s.result, lossRanked(backdoored, poisoned, poisonedSplit, evaluation,
                    finalLimit, listener, token));
        }
    }

    private SharedAdversarialUnlearning.Result purify(SharedAdversarialUnlearning.Mode mode, Classifier backdoored,
                                                      TensorData clean, BackdoorEvaluation evaluation, RunFolder run,
                                                      Listener listener, CancellationToken token) {
        BackdoorSettings.Sau s = config.backdoor().sau();
        listener.log(String.format(Locale.ROOT, "%s: %d passes over %d clean images, batch %d, Adam %s%s", mode.id(),
                s.epochs(), clean.size(), s.batchSize(), s.learningRate(), mode == SharedAdversarialUnlearning.Mode.SAU
                        ? String.format(Locale.ROOT, ", PGD %d steps of %s within %s", s.pgdSteps(), s.pgdStepSize(),
                        s.epsilon()) : ""));
        return new SharedAdversarialUnlearning(s, mode).run(backdoored, clean, evaluation,
                config.evaluation().iterationSubset(), config.training().seed(), e -> {
                    if (run != null) {
                        ExperimentRunner.RunRecorder.write(() -> run.appendBackdoorStep(STEPS_HEADER,
                                csv(mode, e)));
                    }
                    listener.purificationEpoch(mode, e);
                }, token);
    }

    private static BackdoorResult.Method methodOf(SharedAdversarialUnlearning.Mode mode,
                                                  SharedAdversarialUnlearning.Result r, BackdoorEvaluation evaluation,
                                                  int finalLimit, CancellationToken token) {
        int steps = r.epochs().isEmpty() ? 0 : r.epochs().get(r.epochs().size() - 1).steps();
        return new BackdoorResult.Method(mode.id(), evaluation.evaluate(r.model(), finalLimit, token), r.millis(),
                steps, null, null);
    }

    /** The paper's loop on the poisoned training set, from the backdoored model: does it remove the poison? */
    private BackdoorResult.Method lossRanked(Classifier backdoored, PoisonedTrainingSet poisoned,
                                             DatasetSplit poisonedSplit, BackdoorEvaluation evaluation, int finalLimit,
                                             Listener listener, CancellationToken token) throws IOException {
        listener.log("loss-ranked removal on the poisoned training set: " + config.unlearning().samplesPerIteration()
                + " per iteration, at most " + config.unlearning().maxIterations() + " iterations");
        // Its own final full-test pass (FGSM, PGD) is left out: the figures that matter here are measured below.
        ExperimentConfig loop = config.withBackdoor(null).withUnlearning(config.unlearning()
                .withStrategy(org.unlearnlab.engine.config.UnlearningStrategy.LOSS_RANKED))
                .withEvaluation(new ExperimentConfig.Evaluation(config.evaluation().iterationSubset(), false));
        RunOutcome o = new ExperimentRunner(loop).withData(poisonedSplit).startingFrom(backdoored.copy())
                .run(null, listener.withLogPrefix("loss-ranked: "), token);
        if (o.reason() == StopReason.CANCELLED) {
            throw new CancellationException("cancelled");
        }
        int poisonedRemoved = 0;
        for (RemovedSample r : o.removed()) {
            if (poisoned.isPoisoned(r.datasetIndex())) {
                poisonedRemoved++;
            }
        }
        BackdoorMetrics m = evaluation.evaluate(o.model(), finalLimit, token);
        return new BackdoorResult.Method("loss-ranked", m, o.millis(), null, o.removed().size(), poisonedRemoved);
    }

    private static BackdoorResult record(RunFolder run, Listener listener, BackdoorResult before,
                                         BackdoorResult.Method m) throws IOException {
        BackdoorResult after = before.with(m);
        if (run != null) {
            run.writeBackdoorResult(after);
        }
        listener.methodFinished(m);
        return after;
    }

    static String csv(SharedAdversarialUnlearning.Mode mode, SharedAdversarialUnlearning.Epoch e) {
        BackdoorMetrics m = e.metrics();
        return String.format(Locale.ROOT, "%s,%d,%d,%.6f,%d,%d,%.4f,%.4f,%.4f,%d", mode.id(), e.epoch(), e.steps(),
                e.meanLoss(), e.shared(), e.potentialPoisons(), m.cleanAccuracy(), m.attackSuccessRate(),
                m.robustAccuracy(), e.millis());
    }

    private static void finish(RunFolder run, RunStatus status, String message) throws IOException {
        if (run != null) {
            run.finish(status, message);
        }
    }
}
