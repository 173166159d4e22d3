package org.unlearnlab.app.services;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A unit of engine work for a {@link TaskExecutor}. {@link #call} runs on the executor's thread (the single
 * engine thread in the app); the callbacks and the observable properties are updated on the executor's UI
 * thread (the FX thread in the app, the calling thread in {@link CurrentThreadTaskExecutor}).
 *
 * <pre>{@code
 * executor.execute(BackgroundTask.of("Attacking digit", ctx -> engine.attack(..., ctx.cancellationToken()))
 *         .onSuccess(viewModel::show)
 *         .onFailure(viewModel::showError));
 * }</pre>
 *
 * A task that the user cancelled ends in {@link #onCancelled}, never in {@link #onSuccess}, even if its
 * {@code call} returned normally after the cancel: a half-done result must not be applied.
 */
public abstract class BackgroundTask<T> {

    public enum State { SCHEDULED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** The body of a task written as a lambda. */
    @FunctionalInterface
    public interface Work<T> {
        T call(TaskContext context) throws Exception;
    }

    private final String title;
    private final CancellationToken token = new CancellationToken();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.SCHEDULED);

    // Progress reports can arrive per batch; only the newest one is handed to the UI thread, and at most one
    // hand-over is queued at a time, so a fast task cannot flood the FX event queue.
    private volatile double pendingProgress = -1;
    private volatile String pendingMessage = "";
    private final AtomicBoolean updateQueued = new AtomicBoolean();

    // Callbacks are only touched on the UI thread: registered there, run there.
    private final List<Consumer<? super T>> onSuccess = new ArrayList<>();
    private final List<Consumer<? super Throwable>> onFailure = new ArrayList<>();
    private final List<Runnable> onCancelled = new ArrayList<>();
    private final List<Runnable> onFinished = new ArrayList<>();
    private T result;
    private Throwable error;
    private volatile boolean quick;

    protected BackgroundTask(String title) {
        this.title = Objects.requireNonNull(title);
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>(title) {
            @Override
            protected T call(TaskContext context) throws Exception {
                return work.call(context);
            }
        };
    }

    /** The work itself, on the executor's thread. Throw {@link CancellationException} (or return) when cancelled. */
    protected abstract T call(TaskContext context) throws Exception;

    /*
     * Callbacks may be added before or after execute(): one added after the task ended (as happens at once with
     * CurrentThreadTaskExecutor) runs immediately if it matches how the task ended. Several may be added; they
     * run in the order added.
     */

    public final BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        Objects.requireNonNull(callback);
        onSuccess.add(callback);
        if (state.get() == State.SUCCEEDED) {
            callback.accept(result);
        }
        return this;
    }

    /** Without a failure callback the error is printed to stderr, so it is never swallowed silently. */
    public final BackgroundTask<T> onFailure(Consumer<? super Throwable> callback) {
        Objects.requireNonNull(callback);
        onFailure.add(callback);
        if (state.get() == State.FAILED) {
            callback.accept(error);
        }
        return this;
    }

    public final BackgroundTask<T> onCancelled(Runnable callback) {
        Objects.requireNonNull(callback);
        onCancelled.add(callback);
        if (state.get() == State.CANCELLED) {
            callback.run();
        }
        return this;
    }

    /** Runs after whichever of success, failure or cancellation happened. */
    public final BackgroundTask<T> onFinished(Runnable callback) {
        Objects.requireNonNull(callback);
        onFinished.add(callback);
        if (isDone()) {
            callback.run();
        }
        return this;
    }

    /** True once the task succeeded, failed or was cancelled (as seen on the UI thread). */
    public boolean isDone() {
        State s = state.get();
        return s == State.SUCCEEDED || s == State.FAILED || s == State.CANCELLED;
    }

    /**
     * Marks the task as quick (well under a second, e.g. attacking a few digits): while a long task (training,
     * an experiment) occupies the engine thread, a quick task runs between two of its batches instead of after
     * it. Still on the engine thread, so ND4J stays single-threaded. Call before execute().
     */
    public final BackgroundTask<T> quick() {
        this.quick = true;
        return this;
    }

    public boolean isQuick() {
        return quick;
    }

    /** Safe from any thread; a queued task is skipped, a running one stops at the engine's next check. */
    public void cancel() {
        token.cancel();
    }

    public boolean isCancelled() {
        return token.isCancelled();
    }

    public String title() {
        return title;
    }

    /** Fraction done, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Runs the task on the calling thread; {@code ui} is where properties and callbacks are updated. */
    final void run(Executor ui) {
        run(ui, () -> { });
    }

    /** @param quickTasks runs queued quick tasks; what {@link TaskContext#runQuickTasks()} calls */
    final void run(Executor ui, Runnable quickTasks) {
        if (token.isCancelled()) {
            finish(ui, State.CANCELLED, null, null);
            return;
        }
        ui.execute(() -> state.set(State.RUNNING));
        T result;
        try {
            result = call(new Context(ui, quickTasks));
        } catch (CancellationException e) {
            finish(ui, State.CANCELLED, null, null);
            return;
        } catch (Throwable e) {
            // Engine code may surface a cancel as another exception (an interrupted wait, a closed stream).
            finish(ui, token.isCancelled() ? State.CANCELLED : State.FAILED, null, e);
            return;
        }
        finish(ui, token.isCancelled() ? State.CANCELLED : State.SUCCEEDED, result, null);
    }

    private void finish(Executor ui, State end, T value, Throwable failure) {
        ui.execute(() -> {
            applyPending();
            if (end == State.SUCCEEDED) {
                progress.set(1);
            }
            result = value;
            error = failure;
            state.set(end);
            try {
                switch (end) {
                    case SUCCEEDED -> List.copyOf(onSuccess).forEach(c -> c.accept(value));
                    case FAILED -> {
                        if (onFailure.isEmpty()) {
                            System.err.println("UnlearnLab: background task '" + title + "' failed: " + failure);
                        }
                        List.copyOf(onFailure).forEach(c -> c.accept(failure));
                    }
                    case CANCELLED -> List.copyOf(onCancelled).forEach(Runnable::run);
                    default -> throw new IllegalStateException(end.name());
                }
            } finally {
                List.copyOf(onFinished).forEach(Runnable::run);
            }
        });
    }

    private void applyPending() {
        updateQueued.set(false);
        progress.set(pendingProgress);
        message.set(pendingMessage);
    }

    private final class Context implements TaskContext {
        private final Executor ui;
        private final Runnable quickTasks;

        Context(Executor ui, Runnable quickTasks) {
            this.ui = ui;
            this.quickTasks = quickTasks;
        }

        @Override
        public void runQuickTasks() {
            quickTasks.run();
        }

        @Override
        public void updateProgress(double fraction) {
            pendingProgress = fraction < 0 || Double.isNaN(fraction) ? -1 : Math.min(1, fraction);
            queueUpdate();
        }

        @Override
        public void updateMessage(String text) {
            pendingMessage = text == null ? "" : text;
            queueUpdate();
        }

        private void queueUpdate() {
            if (updateQueued.compareAndSet(false, true)) {
                ui.execute(BackgroundTask.this::applyPending);
            }
        }

        @Override
        public boolean isCancelled() {
            return token.isCancelled();
        }

        @Override
        public CancellationToken cancellationToken() {
            return token;
        }
    }
}
