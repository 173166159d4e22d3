package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunCheckpoint;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.runs.RunSummary;
import org.unlearnlab.engine.training.Trainer;
import org.unlearnlab.engine.training.TrainingData;
import org.unlearnlab.engine.unlearning.UnlearningLoop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Continues a run that was killed, cancelled or failed, from its last finished iteration, in the same folder: the
 * config comes from the folder, the model with its optimiser state and the random streams from the resume state in
 * model.zip, the removed samples from removed.csv. What an unfinished iteration wrote is dropped and the iteration
 * repeated, so the run ends with the figures of an uninterrupted run of the same seed. Call it from the engine
 * thread, like {@link ExperimentRunner}.
 */
public final class RunResumption {
    private final RunFolder run;
    private final ExperimentConfig config;
    private final RunCheckpoint checkpoint;
    private DatasetSplit data;

    private RunResumption(RunFolder run, ExperimentConfig config, RunCheckpoint checkpoint) {
        this.run = run;
        this.config = config;
        this.checkpoint = checkpoint;
    }

    /**
     * Checks that {@code dir} can be resumed (reads files only; no ND4J).
     *
     * @throws RunNotResumableException with one line naming the folder and why not
     */
    public static RunResumption open(Path dir) throws RunNotResumableException {
        try {
            RunFolder run = RunFolder.open(dir);
            RunSummary summary = run.readSummary();
            if (summary.status() == RunStatus.COMPLETE) {
                throw new RunNotResumableException(dir + ": the run is complete already; there is nothing to resume");
            }
            if (summary.status() == RunStatus.RUNNING) {
                throw new RunNotResumableException(dir + ": the run is still running (process " + summary.pid() + ")");
            }
            RunCheckpoint checkpoint = run.readCheckpoint();
            if (checkpoint == null) {
                throw new RunNotResumableException(dir + ": the run has no resume state ("
                        + (run.modelPath().toFile().isFile()
                        ? "it was recorded by an UnlearnLab without resumable runs"
                        : "it stopped before its first model was saved") + "); start it again with run --config");
            }
            return new RunResumption(run, run.readConfig(), checkpoint);
        } catch (RunNotResumableException e) {
            throw e;
        } catch (IOException e) {
            throw new RunNotResumableException(e.getMessage(), e);
        }
    }

    /** Use this (already loaded) data instead of loading the config's; its limits still apply. */
    public RunResumption withData(DatasetSplit split) {
        this.data = split;
        return this;
    }

    /** The run's config, as config.json holds it. */
    public ExperimentConfig config() {
        return config;
    }

    /** The iteration it continues after: -1 when the first model was trained but not yet evaluated. */
    public int lastFinishedIteration() {
        return checkpoint.loop().iteration();
    }

    public Path folder() {
        return run.path();
    }

    /**
     * Runs the remaining iterations into the folder, which reads RUNNING meanwhile. {@code listener} first hears
     * the finished epochs, removals and iterations again (so a live view shows the whole run), then the new ones.
     *
     * @return the whole run: earlier iterations and removed samples included
     * @throws IOException when the data, the model or the folder cannot be read or written (the run is then marked
     *                     failed, and can be resumed again once that is fixed)
     */
    public RunOutcome run(ExperimentListener listener, CancellationToken token) throws IOException {
        ExperimentListener events = new ExperimentRunner.RunRecorder(run, listener);
        return ExperimentRunner.recorded(run, events, "cancelled before resuming", () -> {
            TrainingData d = TrainingData.of(config.data(), data);
            Classifier model = Classifier.load(run.modelPath(), config.model().preset());
            run.rollBackTo(checkpoint);
            List<IterationMetrics> rows = run.readIterations();
            List<RemovedSample> removed = run.readRemoved();
            int expectedRows = checkpoint.loop().iteration() + 1;
            if (rows.size() != expectedRows || rows.stream().anyMatch(IterationMetrics::finalFullTest)) {
                throw new IOException(run.path() + ": " + RunFolder.METRICS + " holds " + rows.size()
                        + " iteration rows where its resume state expects " + expectedRows);
            }
            IterationMetrics last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            run.updateSummary(run.summary().resumed(ProcessHandle.current().pid(), last, d.train().size())
                    .withDatasetSource(d.split().source()));
            replay(listener, run.readEpochs(), rows, removed);
            listener.log("resuming " + run.path() + " after iteration " + checkpoint.loop().iteration()
                    + " (" + removed.size() + " samples removed so far); data: " + d.describe());
            return ExperimentRunner.loop(config, d, run, events, token).resume(model,
                    Trainer.range(d.train().size()),
                    new UnlearningLoop.Continuation(checkpoint.loop(), rows, removed));
        });
    }

    /** What the run recorded before, in the order it happened, to the caller's listener only (not to the folder). */
    private static void replay(ExperimentListener listener, List<EpochMetrics> epochs, List<IterationMetrics> rows,
                               List<RemovedSample> removed) {
        int e = 0;
        int r = 0;
        for (IterationMetrics row : rows) {
            // An iteration removes its samples, then retrains (its epochs), then is evaluated (its row).
            List<RemovedSample> ofRow = new ArrayList<>();
            while (r < removed.size() && removed.get(r).iteration() == row.iteration()) {
                ofRow.add(removed.get(r++));
            }
            if (!ofRow.isEmpty()) {
                listener.samplesRemoved(row.iteration(), ofRow);
            }
            while (e < epochs.size() && epochs.get(e).iteration() <= row.iteration()) {
                listener.epochFinished(epochs.get(e++));
            }
            listener.iterationFinished(row);
        }
        while (e < epochs.size()) {
            listener.epochFinished(epochs.get(e++));
        }
    }
}
