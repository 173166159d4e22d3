package org.unlearnlab.app.comparison;

import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.EventThrottle;
import org.unlearnlab.app.services.TaskContext;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link StrategyComparison} on the engine executor and hands its events to the FX thread, throttled like
 * the experiment session's: batch progress is coalesced (only the newest is drawn), every other event (a stage
 * starting, an iteration row, a diagnostics report, a log line) arrives, in order.
 */
public final class ComparisonService {

    /** One event of a running comparison, tagged with its stage ("base" or a strategy id). */
    public sealed interface Event permits StageStarted, Progress, Iteration, Log, Diagnosed, StrategyDone {
        String stage();
    }

    /** The comparison moved on to {@code stage}. */
    public record StageStarted(String stage) implements Event {
    }

    public record Progress(String stage, TrainingProgress progress) implements Event {
    }

    public record Iteration(String stage, IterationMetrics metrics) implements Event {
    }

    public record Log(String stage, String line) implements Event {
    }

    public record Diagnosed(String stage, DiagnosticsReport report) implements Event {
    }

    public record StrategyDone(String stage, Path folder) implements Event {
    }

    /** What to compare and where. */
    public record Request(ExperimentConfig base, List<UnlearningStrategy> strategies, int diagnosticsSubset,
                          Path folder) {
        public Request {
            Objects.requireNonNull(base);
            strategies = List.copyOf(strategies);
            Objects.requireNonNull(folder);
        }
    }

    private final TaskExecutor executor;
    private final ComparisonBackend backend;
    private BackgroundTask<Boolean> current;

    public ComparisonService(TaskExecutor executor, ComparisonBackend backend) {
        this.executor = Objects.requireNonNull(executor);
        this.backend = Objects.requireNonNull(backend);
    }

    public ComparisonBackend backend() {
        return backend;
    }

    /**
     * Queues the comparison on the engine executor (FX thread). {@code sink} receives the events in batches on
     * the UI thread; the last batch arrives before the task's own callbacks. The task's result is false when the
     * comparison was cancelled.
     */
    public BackgroundTask<Boolean> start(Request request, Consumer<? super List<Event>> sink) {
        EventThrottle<Event> throttle = executor.throttle(e -> e instanceof Progress ? Progress.class : null, sink);
        BackgroundTask<Boolean> task = BackgroundTask.of("Comparing strategies of " + request.base().name(), ctx -> {
            try {
                return backend.compare(request.base(), request.strategies(), request.diagnosticsSubset(),
                        request.folder(), listener(throttle, ctx), ctx.cancellationToken());
            } finally {
                throttle.flush();
            }
        });
        // Held before it runs: an executor that runs tasks inline (tests) must still be able to cancel it.
        current = task;
        return executor.execute(task);
    }

    /** Cancels the running or queued comparison (its token stops the engine within one batch); FX thread. */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** Engine thread: turns the comparison's callbacks into events, and tells the status bar what runs. */
    private static StrategyComparison.Listener listener(EventThrottle<Event> throttle, TaskContext ctx) {
        return new StrategyComparison.Listener() {
            private String current;

            @Override
            public ExperimentListener stage(String stage) {
                if (!stage.equals(current)) {
                    current = stage;
                    throttle.offer(new StageStarted(stage));
                    ctx.updateMessage("Comparison: " + stage);
                }
                return new ExperimentListener() {
                    @Override
                    public void trainingProgress(TrainingProgress p) {
                        throttle.offer(new Progress(stage, p));
                        // Lets an attack-lab click run between two batches, as during an experiment.
                        ctx.runQuickTasks();
                    }

                    @Override
                    public void iterationFinished(IterationMetrics m) {
                        throttle.offer(new Iteration(stage, m));
                        ctx.updateMessage("Comparison: " + stage + ", iteration " + m.iteration());
                        ctx.runQuickTasks();
                    }

                    @Override
                    public void log(String line) {
                        throttle.offer(new Log(stage, line));
                    }
                };
            }

            @Override
            public void diagnosed(String stage, DiagnosticsReport report) {
                throttle.offer(new Diagnosed(stage, report));
            }

            @Override
            public void strategyFinished(UnlearningStrategy strategy, Path runFolder) {
                throttle.offer(new StrategyDone(strategy.id(), runFolder));
            }
        };
    }
}
