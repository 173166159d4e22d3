package org.unlearnlab.app.services;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.progress.RunEta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The live, observable picture of one engine run (a training or a whole experiment): the engine thread feeds
 * {@link #listener()}, and the FX thread sees throttled updates of progress, phase, log, epochs, iterations
 * and removed samples. Everything but {@link #listener()} and {@link #flush()} is FX-thread only.
 */
public final class RunMonitor {

    public enum Status {
        IDLE, RUNNING, SUCCEEDED, CANCELLED, FAILED;

        public boolean isFinished() {
            return this == SUCCEEDED || this == CANCELLED || this == FAILED;
        }
    }

    /** Keeps a long run's log pane from growing without bound. */
    static final int MAX_LOG_LINES = 5000;

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.IDLE);
    private final BooleanBinding running = Bindings.equal(status, Status.RUNNING);
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<TrainingProgress> lastProgress = new ReadOnlyObjectWrapper<>(this, "lastProgress");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper runProgress = new ReadOnlyStringWrapper(this, "runProgress", "");
    private LongSupplier clock = System::currentTimeMillis;
    private RunEta eta;
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<EpochMetrics> epochs = FXCollections.observableArrayList();
    private final ObservableList<IterationMetrics> iterations = FXCollections.observableArrayList();
    private final ObservableList<RemovedSample> removed = FXCollections.observableArrayList();

    // Created once: an unmodifiable view listens weakly to its list, so a fresh view per call could be collected
    // together with the listeners a caller added to it.
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private final ObservableList<EpochMetrics> epochsView = FXCollections.unmodifiableObservableList(epochs);
    private final ObservableList<IterationMetrics> iterationsView = FXCollections.unmodifiableObservableList(iterations);
    private final ObservableList<RemovedSample> removedView = FXCollections.unmodifiableObservableList(removed);

    private final EventThrottle<Object> throttle;
    private final ExperimentListener listener;

    public RunMonitor(TaskExecutor executor) {
        // Batch progress is the only event that may be coalesced; the rest are facts the views must all show.
        throttle = executor.throttle(e -> e instanceof TrainingProgress ? TrainingProgress.class : null, this::apply);
        listener = new ExperimentListener() {
            @Override
            public void trainingProgress(TrainingProgress p) {
                throttle.offer(p);
            }

            @Override
            public void epochFinished(EpochMetrics m) {
                throttle.offer(m);
            }

            @Override
            public void samplesRemoved(int iteration, List<RemovedSample> samples) {
                throttle.offer(new Removed(iteration, List.copyOf(samples)));
            }

            @Override
            public void iterationFinished(IterationMetrics m) {
                throttle.offer(m);
            }

            @Override
            public void log(String line) {
                throttle.offer(new LogLine(line));
            }
        };
    }

    private record Removed(int iteration, List<RemovedSample> samples) {
    }

    private record LogLine(String text) {
    }

    /** Feed this to the engine (engine thread). */
    public ExperimentListener listener() {
        return listener;
    }

    /** Posts pending events now; call at the end of the engine work so they arrive before its callbacks. */
    public void flush() {
        throttle.flush();
    }

    /** Replaces the wall clock the whole-run estimate reads (tests construct their times). FX thread. */
    public void setClock(LongSupplier millis) {
        this.clock = millis;
    }

    /**
     * Clears everything, marks the monitor running, and follows a whole run of {@code runConfig} (iteration i of N,
     * time left) in {@link #runProgressProperty()}.
     */
    public void begin(String firstPhase, ExperimentConfig runConfig) {
        begin(firstPhase);
        eta = RunEta.forConfig(runConfig, clock.getAsLong());
        runProgress.set(describeRun(eta, clock.getAsLong(), null));
    }

    /** Clears everything and marks the monitor running (a training without iterations: no whole-run line). */
    public void begin(String firstPhase) {
        eta = null;
        runProgress.set("");
        log.clear();
        epochs.clear();
        iterations.clear();
        removed.clear();
        lastProgress.set(null);
        error.set(null);
        progress.set(-1);
        phase.set(firstPhase);
        status.set(Status.RUNNING);
    }

    /** Marks the run over; {@code errorMessage} only for FAILED. */
    public void end(Status end, String errorMessage) {
        if (!end.isFinished()) {
            throw new IllegalArgumentException(end + " is not an end state");
        }
        error.set(errorMessage);
        if (end == Status.SUCCEEDED) {
            progress.set(1);
        } else if (progress.get() < 0) {
            // Left at -1 (indeterminate), a progress bar would keep animating as if work went on.
            progress.set(0);
        }
        phase.set(switch (end) {
            case SUCCEEDED -> "Finished";
            case CANCELLED -> "Cancelled";
            default -> "Failed";
        });
        if (eta != null) {
            runProgress.set(describeRun(eta, clock.getAsLong(), end));
        }
        status.set(end);
    }

    /** Adds a line from the app itself (not the engine) to the log, FX thread. */
    public void appendLog(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    private void apply(List<Object> events) {
        List<String> lines = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof TrainingProgress p) {
                lastProgress.set(p);
                progress.set(p.fraction());
                phase.set(describe(p));
            } else if (e instanceof EpochMetrics m) {
                epochs.add(m);
            } else if (e instanceof Removed r) {
                removed.addAll(r.samples());
                phase.set("Iteration " + r.iteration() + ": removed " + r.samples().size() + " samples, retraining");
            } else if (e instanceof IterationMetrics m) {
                iterations.add(m);
                if (eta != null && !m.finalFullTest()) {
                    // The engine's own time for the iteration: replayed rows of a resumed run count as they ran.
                    if (m.iteration() == 0) {
                        eta.initialDone(clock.getAsLong());
                    } else {
                        eta.iterationDone(m.millis(), clock.getAsLong());
                    }
                }
                if (m.iteration() > 0 && !m.finalFullTest()) {
                    phase.set("Iteration " + m.iteration() + " evaluated");
                }
            } else if (e instanceof LogLine l) {
                lines.add(l.text());
            }
        }
        if (eta != null && status.get() == Status.RUNNING) {
            runProgress.set(describeRun(eta, clock.getAsLong(), null));
        }
        // One list change per delivery rather than one per line keeps the log pane cheap to update.
        if (!lines.isEmpty()) {
            log.addAll(lines);
            if (log.size() > MAX_LOG_LINES) {
                log.remove(0, log.size() - MAX_LOG_LINES);
            }
        }
    }

    /**
     * The whole run in one line: "Initial training, then 10 iterations · 0:42 elapsed", "Iteration 4 of 10 ·
     * 3 done · 2:14 elapsed · about 4:30 left", and once it ended "10 of 10 iterations done in 12:34".
     *
     * @param end how the run ended, or null while it runs
     */
    public static String describeRun(RunEta eta, long nowMillis, Status end) {
        int done = eta.completed();
        int total = eta.total();
        String elapsed = RunEta.clock(eta.elapsedMillis(nowMillis));
        if (end != null) {
            return done + " of " + total + " iteration" + (total == 1 ? "" : "s") + " done in " + elapsed
                    + (end == Status.SUCCEEDED ? "" : " (" + end.name().toLowerCase(Locale.ROOT) + ")");
        }
        long left = eta.remainingMillis(nowMillis);
        if (left < 0) {
            return "Initial training, then " + total + " iteration" + (total == 1 ? "" : "s") + " · " + elapsed
                    + " elapsed";
        }
        String where = done >= total ? "All " + total + " iterations done, final evaluation"
                : "Iteration " + (done + 1) + " of " + total + " · " + done + " done";
        return where + " · " + elapsed + " elapsed"
                + (done >= total ? "" : " · about " + RunEta.clock(left) + " left");
    }

    /** "Initial training · epoch 1/2 · batch 5/8". */
    public static String describe(TrainingProgress p) {
        String name = p.phase().isEmpty() ? "Training"
                : p.phase().substring(0, 1).toUpperCase(Locale.ROOT) + p.phase().substring(1);
        if (name.equals("Initial")) {
            name = "Initial training";
        }
        return name + " · epoch " + p.epoch() + "/" + p.epochs() + " · batch " + p.batch() + "/" + p.batchesPerEpoch();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanBinding runningProperty() {
        return running;
    }

    public boolean isRunning() {
        return running.get();
    }

    /** "Initial training · epoch 1/2 · batch 5/8", "Iteration 3 evaluated", "Finished", … */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Fraction of the current training phase in [0,1], or -1 while not training (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The latest batch report (loss, throughput, ETA); throttled to ~20 changes a second. */
    public ReadOnlyObjectProperty<TrainingProgress> lastProgressProperty() {
        return lastProgress.getReadOnlyProperty();
    }

    /**
     * The whole run's progress ({@link #describeRun}): iteration i of N and the time left, estimated from the
     * iterations measured so far; empty for a training without iterations.
     */
    public ReadOnlyStringProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    /** Why the run failed, one line; null unless FAILED. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return logView;
    }

    public ObservableList<EpochMetrics> epochs() {
        return epochsView;
    }

    public ObservableList<IterationMetrics> iterations() {
        return iterationsView;
    }

    public ObservableList<RemovedSample> removedSamples() {
        return removedView;
    }
}
