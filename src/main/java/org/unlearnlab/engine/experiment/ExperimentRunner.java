package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import org.unlearnlab.engine.unlearning.UnlearningLoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs one experiment end to end: load the data, train the initial model (or take a given one), run the
 * unlearning loop, and record everything in a run folder as it happens. Used by the CLI and the app alike;
 * call it from the engine thread.
 */
public final class ExperimentRunner {
    private final ExperimentConfig config;
    private DatasetSplit data;
    private Classifier initialModel;

    public ExperimentRunner(ExperimentConfig config) {
        this.config = config;
    }

    /** Use this (already loaded) data instead of loading {@code config.data()}; limits still apply. */
    public ExperimentRunner withData(DatasetSplit split) {
        this.data = split;
        return this;
    }

    /** Start the loop from this model instead of training one (it must be of the config's preset). */
    public ExperimentRunner startingFrom(Classifier model) {
        this.initialModel = model;
        return this;
    }

    /**
     * @param run where to record the run, or null
     * @throws IOException when data cannot be loaded or the run cannot be written (the run is marked failed)
     */
    public RunOutcome run(RunFolder run, ExperimentListener listener, CancellationToken token) throws IOException {
        ExperimentListener events = run == null ? listener : new RunRecorder(run, listener);
        return recorded(run, events, "cancelled during initial training", () -> {
            TrainingData d = TrainingData.of(config.data(), data);
            if (run != null) {
                run.updateSummary(run.summary().withDatasetSource(d.split().source()));
            }
            events.log("data: " + d.describe());
            Classifier model = initialModel;
            if (model == null) {
                model = ModelTraining.trainFresh(config, d, ModelTraining.INITIAL, events, token);
            } else if (model.preset() != config.model().preset()) {
                throw new IllegalArgumentException("the given model is " + model.preset().id()
                        + " but the config asks for " + config.model().preset().id());
            }
            return loop(config, d, run, events, token).run(model, Trainer.range(d.train().size()));
        });
    }

    /** The loop of a recorded run: each checkpoint replaces model.zip with the model and the resume state. */
    static UnlearningLoop loop(ExperimentConfig config, TrainingData d, RunFolder run, ExperimentListener events,
                               CancellationToken token) {
        return new UnlearningLoop(config, d.train(), d.test(), events, token, (m, state) -> {
            if (run != null) {
                run.writeCheckpoint(m::save, state);
            }
        });
    }

    /** The loop's part of a run: returns its result, or throws CancellationException when cancelled before it. */
    interface Body {
        UnlearningLoop.Result run() throws IOException;
    }

    /**
     * Runs {@code body} and records its end in {@code run} (if not null): complete or cancelled, or failed with the
     * error, which is then rethrown; the end is also logged to {@code events}.
     *
     * @param cancelledBefore the summary's message when cancelled before the loop began
     */
    static RunOutcome recorded(RunFolder run, ExperimentListener events, String cancelledBefore, Body body)
            throws IOException {
        long start = System.nanoTime();
        return failureRecorded(run, () -> {
            try {
                UnlearningLoop.Result r = body.run();
                RunOutcome outcome = new RunOutcome(run == null ? null : run.path(), r.reason(), r.iterations(),
                        r.removed(), r.remaining().length, (System.nanoTime() - start) / 1_000_000, r.model());
                if (run != null) {
                    run.finish(r.reason() == StopReason.CANCELLED ? RunStatus.CANCELLED : RunStatus.COMPLETE,
                            r.reason().toString());
                }
                events.log("finished: " + r.reason());
                return outcome;
            } catch (CancellationException e) {
                if (run != null) {
                    run.finish(RunStatus.CANCELLED, cancelledBefore);
                }
                return new RunOutcome(run == null ? null : run.path(), StopReason.CANCELLED, List.of(), List.of(), 0,
                        (System.nanoTime() - start) / 1_000_000, null);
            }
        });
    }

    /** Work whose failure marks its run failed. */
    interface Work<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work}; if it fails, records the failure in {@code run} (if not null) and rethrows the error (an
     * UncheckedIOException as its IOException).
     */
    static <T> T failureRecorded(RunFolder run, Work<T> work) throws IOException {
        try {
            return work.run();
        } catch (UncheckedIOException e) {
            fail(run, e.getCause().getMessage());
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            fail(run, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } catch (Error e) {
            // Out of memory, a class missing after an upgrade: the run must not read "running" forever.
            fail(run, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            throw e;
        }
    }

    private static void fail(RunFolder run, String message) {
        if (run == null) {
            return;
        }
        try {
            run.finish(RunStatus.FAILED, message);
        } catch (IOException ignored) {
            // The folder itself is what failed; the caller reports the original error.
        }
    }

    /** Forwards events and records them in the run folder; a write failure stops the run. */
    static final class RunRecorder implements ExperimentListener {
        private final RunFolder run;
        private final ExperimentListener next;

        RunRecorder(RunFolder run, ExperimentListener next) {
            this.run = run;
            this.next = next;
        }

        @Override
        public void trainingProgress(TrainingProgress progress) {
            next.trainingProgress(progress);
        }

        @Override
        public void epochFinished(EpochMetrics metrics) {
            write(() -> run.appendEpoch(metrics));
            next.epochFinished(metrics);
        }

        @Override
        public void samplesRemoved(int iteration, List<RemovedSample> removed) {
            write(() -> run.appendRemoved(removed));
            next.samplesRemoved(iteration, removed);
        }

        @Override
        public void iterationFinished(IterationMetrics metrics) {
            write(() -> run.appendIteration(metrics));
            next.iterationFinished(metrics);
        }

        @Override
        public void log(String line) {
            next.log(line);
        }

        private interface IoAction {
            void run() throws IOException;
        }

        private static void write(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
