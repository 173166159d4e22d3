package org.unlearnlab.app.services;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The app's current experiment run: the Experiment view starts it, the Unlearning view observes it. One run at a
 * time; it runs on the engine thread and its events arrive here throttled, as FX properties and lists.
 *
 * <p>Lifecycle as seen on the FX thread: {@link #statusProperty()} goes to RUNNING when a run starts (all
 * lists cleared, {@link #configProperty()} set), the lists grow while it runs, and the status ends in
 * SUCCEEDED, CANCELLED or FAILED, with {@link #outcomeProperty()} set if the engine returned one (a cancelled
 * run returns what it did so far). A finished run's final model becomes the app's current model.
 */
public final class ExperimentSession {

    /** Runs one experiment on the calling (engine) thread; {@code ExperimentRunner} in the app, a fake in tests. */
    @FunctionalInterface
    public interface ExperimentEngine {
        RunOutcome run(ExperimentConfig config, ExperimentListener listener, CancellationToken token) throws Exception;
    }

    /**
     * Continues a recorded run from its folder on the calling (engine) thread; {@code RunResumption} in the app,
     * a fake in tests.
     */
    @FunctionalInterface
    public interface ResumeEngine {
        RunOutcome resume(Path folder, ExperimentListener listener, CancellationToken token) throws Exception;
    }

    /** Takes the final model of a run (engine thread); {@code AppContext::setModel} in the app. */
    @FunctionalInterface
    public interface ModelSink {
        void install(Classifier model, String origin);
    }

    private final TaskExecutor executor;
    private final ExperimentEngine engine;
    private final ResumeEngine resumer;
    private final ModelSink modelSink;
    private final RunMonitor monitor;
    private final ReadOnlyObjectWrapper<ExperimentConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyObjectWrapper<RunOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Path> runFolder = new ReadOnlyObjectWrapper<>(this, "runFolder");
    private BackgroundTask<RunOutcome> task;

    /** A session that cannot resume runs (tests of new runs only). */
    public ExperimentSession(TaskExecutor executor, ExperimentEngine engine, ModelSink modelSink) {
        this(executor, engine, (folder, listener, token) -> {
            throw new UnsupportedOperationException("this session does not resume runs");
        }, modelSink);
    }

    public ExperimentSession(TaskExecutor executor, ExperimentEngine engine, ResumeEngine resumer,
                             ModelSink modelSink) {
        this.executor = Objects.requireNonNull(executor);
        this.engine = Objects.requireNonNull(engine);
        this.resumer = Objects.requireNonNull(resumer);
        this.modelSink = Objects.requireNonNull(modelSink);
        this.monitor = new RunMonitor(executor);
    }

    /**
     * Starts a run of {@code cfg} (FX thread). The caller validates the config first.
     *
     * @throws IllegalStateException if a run is already going
     */
    public BackgroundTask<RunOutcome> start(ExperimentConfig cfg) {
        Objects.requireNonNull(cfg);
        return launch(cfg, "Starting " + cfg.name(), "Run '" + cfg.name() + "' started", "Running experiment ",
                (listener, token) -> engine.run(cfg, listener, token));
    }

    /**
     * Continues the recorded run in {@code folder}, whose config is {@code cfg}, and shows it live like a new run
     * (FX thread). The engine first replays what the run recorded before, so the lists hold the whole run.
     *
     * @throws IllegalStateException if a run is already going
     */
    public BackgroundTask<RunOutcome> resume(ExperimentConfig cfg, Path folder) {
        Objects.requireNonNull(cfg);
        Objects.requireNonNull(folder);
        return launch(cfg, "Resuming " + cfg.name(), "Run '" + cfg.name() + "' resumed from " + folder,
                "Resuming experiment ", (listener, token) -> resumer.resume(folder, listener, token));
    }

    private interface EngineCall {
        RunOutcome call(ExperimentListener listener, CancellationToken token) throws Exception;
    }

    private BackgroundTask<RunOutcome> launch(ExperimentConfig cfg, String phase, String logLine, String taskTitle,
                                              EngineCall call) {
        if (monitor.isRunning()) {
            throw new IllegalStateException("an experiment is already running");
        }
        config.set(cfg);
        outcome.set(null);
        runFolder.set(null);
        if (cfg.forget() != null) {
            // No iterations to count: the phase line says which model trains.
            monitor.begin(phase);
        } else {
            monitor.begin(phase, cfg);
        }
        monitor.appendLog(logLine + ": " + kind(cfg) + ", " + cfg.model().preset().displayName());
        task = BackgroundTask.of(taskTitle + cfg.name(), ctx -> {
            try {
                RunOutcome result = call.call(withStatus(monitor.listener(), ctx, cfg), ctx.cancellationToken());
                if (result != null && result.model() != null && result.reason() != StopReason.CANCELLED) {
                    modelSink.install(result.model(), "unlearned in run '" + cfg.name() + "'");
                    monitor.listener().log("The attack lab now uses the final model of this run.");
                }
                // Published here, not in onSuccess: a cancelled run still returns what it did, and the task then
                // ends in onCancelled.
                executor.uiExecutor().execute(() -> {
                    outcome.set(result);
                    if (result != null) {
                        runFolder.set(result.folder());
                    }
                });
                return result;
            } finally {
                monitor.flush();
            }
        });
        task.onSuccess(result -> monitor.end(
                        result != null && result.reason() == StopReason.CANCELLED
                                ? RunMonitor.Status.CANCELLED : RunMonitor.Status.SUCCEEDED, null))
                .onCancelled(() -> {
                    monitor.appendLog("Run cancelled; the current model is unchanged.");
                    monitor.end(RunMonitor.Status.CANCELLED, null);
                })
                .onFailure(e -> {
                    String message = Errors.message(e);
                    monitor.appendLog("Run failed: " + message);
                    monitor.end(RunMonitor.Status.FAILED, message);
                });
        return executor.execute(task);
    }

    /** What a run of {@code cfg} does, in a few words: its forget method, or the strategy of the paper's loop. */
    public static String kind(ExperimentConfig cfg) {
        return cfg.forget() != null ? "forget request answered with " + cfg.forget().method().id()
                + " (and the gold model, retrained without the forgotten rows)" : cfg.unlearning().strategy().label();
    }

    /** Also tells the status bar (through the task) what the run is doing; the task coalesces these updates. */
    private static ExperimentListener withStatus(ExperimentListener events, TaskContext ctx, ExperimentConfig cfg) {
        int iterations = Math.max(1, cfg.unlearning().maxIterations());
        return new ExperimentListener() {
            @Override
            public void trainingProgress(TrainingProgress p) {
                events.trainingProgress(p);
                // A forget run trains several models, none "initial" for long: its bar follows each in turn.
                if (p.phase().equals("initial") || cfg.forget() != null) {
                    ctx.updateProgress(p.fraction());
                }
                ctx.updateMessage(RunMonitor.describe(p));
                ctx.runQuickTasks();
            }

            @Override
            public void epochFinished(EpochMetrics m) {
                events.epochFinished(m);
            }

            @Override
            public void samplesRemoved(int iteration, List<RemovedSample> removed) {
                events.samplesRemoved(iteration, removed);
                ctx.updateMessage("iteration " + iteration + ": removed " + removed.size() + " samples");
                ctx.runQuickTasks();
            }

            @Override
            public void iterationFinished(IterationMetrics m) {
                events.iterationFinished(m);
                ctx.updateProgress(Math.min(m.iteration(), iterations), iterations);
                ctx.updateMessage(m.finalFullTest() ? "final test done"
                        : m.iteration() == 0 ? "evaluated the trained model" : "iteration " + m.iteration() + " evaluated");
                ctx.runQuickTasks();
            }

            @Override
            public void log(String line) {
                events.log(line);
            }
        };
    }

    /** Asks the running experiment to stop within one batch; harmless when none runs. */
    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    /** The task of the current or last run (for its progress in the status bar), or null. */
    public BackgroundTask<RunOutcome> task() {
        return task;
    }

    /** The config of the current or last run, or null before the first. */
    public ReadOnlyObjectProperty<ExperimentConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** What the last run returned (final metrics, removed samples, folder), or null while running. */
    public ReadOnlyObjectProperty<RunOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The run folder of the last finished run, or null. */
    public ReadOnlyObjectProperty<Path> runFolderProperty() {
        return runFolder.getReadOnlyProperty();
    }

    /** The events behind the properties below, for views that need more than these delegates. */
    public RunMonitor monitor() {
        return monitor;
    }

    public ReadOnlyObjectProperty<RunMonitor.Status> statusProperty() {
        return monitor.statusProperty();
    }

    public BooleanBinding runningProperty() {
        return monitor.runningProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return monitor.phaseProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return monitor.progressProperty();
    }

    public ReadOnlyObjectProperty<TrainingProgress> lastProgressProperty() {
        return monitor.lastProgressProperty();
    }

    /** "Iteration 4 of 10 · 3 done · 2:14 elapsed · about 4:30 left" (see {@link RunMonitor#describeRun}). */
    public ReadOnlyStringProperty runProgressProperty() {
        return monitor.runProgressProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return monitor.errorProperty();
    }

    public ObservableList<String> log() {
        return monitor.log();
    }

    public ObservableList<EpochMetrics> epochs() {
        return monitor.epochs();
    }

    public ObservableList<IterationMetrics> iterations() {
        return monitor.iterations();
    }

    public ObservableList<RemovedSample> removedSamples() {
        return monitor.removedSamples();
    }
}
