package org.unlearnlab.app.services;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The app's executor: one daemon thread, "unlearnlab-engine", that runs every task in submission order, so
 * that all ND4J/DL4J work happens on the same thread. Callbacks are delivered with {@link Platform#runLater}.
 */
public final class EngineTaskExecutor implements TaskExecutor {
    public static final String THREAD_NAME = "unlearnlab-engine";

    private final Executor ui;
    private final ExecutorService thread;
    private final Set<BackgroundTask<?>> unfinished = ConcurrentHashMap.newKeySet();
    private final Queue<Runnable> quickTasks = new ConcurrentLinkedQueue<>();
    // Engine thread only: the task whose call() is on the stack (the innermost, when a quick one runs nested).
    private BackgroundTask<?> running;
    private boolean runningQuickTasks;
    private volatile Thread worker;
    private final ReadOnlyObjectWrapper<BackgroundTask<?>> current = new ReadOnlyObjectWrapper<>(this, "currentTask");

    public EngineTaskExecutor() {
        this(Platform::runLater);
    }

    /** @param ui where callbacks run; {@link Platform#runLater} in the app */
    public EngineTaskExecutor(Executor ui) {
        this(THREAD_NAME, ui);
    }

    /**
     * An executor on a thread of another name, for work that must not wait behind a long training and never
     * touches ND4J (reading run folders, for one).
     */
    public EngineTaskExecutor(String threadName, Executor ui) {
        this.ui = Objects.requireNonNull(ui);
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            worker = t;
            return t;
        });
    }

    /** True on the engine thread; for assertions in services. */
    public static boolean isEngineThread() {
        return THREAD_NAME.equals(Thread.currentThread().getName());
    }

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        Objects.requireNonNull(task);
        unfinished.add(task);
        // A quick task is queued twice: in FIFO order, and for the next runQuickTasks() of a long task; whichever
        // comes first runs it, the other finds it claimed.
        Queued body = new Queued(task);
        try {
            if (task.isQuick()) {
                quickTasks.add(body);
            }
            thread.execute(body);
        } catch (RejectedExecutionException e) {
            quickTasks.remove(body);
            unfinished.remove(task);
            task.cancel();
            task.run(ui);
        }
        return task;
    }

    /** One submission; runs at most once, from the FIFO queue or from a long task's runQuickTasks(). */
    private final class Queued implements Runnable {
        private final BackgroundTask<?> task;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Queued(BackgroundTask<?> task) {
            this.task = task;
        }

        @Override
        public void run() {
            quickTasks.remove(this);
            if (claimed.compareAndSet(false, true)) {
                runOnEngineThread(task);
            }
        }
    }

    private void runOnEngineThread(BackgroundTask<?> task) {
        BackgroundTask<?> outer = running;
        running = task;
        ui.execute(() -> current.set(task));
        try {
            task.run(ui, this::runQuickTasks);
        } finally {
            unfinished.remove(task);
            running = outer;
            ui.execute(() -> {
                if (current.get() == task) {
                    current.set(outer);
                }
            });
        }
    }

    private void runQuickTasks() {
        if (Thread.currentThread() != worker || runningQuickTasks) {
            return;
        }
        runningQuickTasks = true;
        try {
            for (Runnable r = quickTasks.poll(); r != null; r = quickTasks.poll()) {
                r.run();
            }
        } finally {
            runningQuickTasks = false;
        }
    }

    @Override
    public Executor uiExecutor() {
        return ui;
    }

    @Override
    public ReadOnlyObjectProperty<BackgroundTask<?>> currentTaskProperty() {
        return current.getReadOnlyProperty();
    }

    @Override
    public <E> EventThrottle<E> throttle(Function<? super E, ?> coalesceKey, Consumer<? super List<E>> sink) {
        return new EventThrottle<>(ui, coalesceKey, sink);
    }

    /**
     * Cancels everything and waits briefly for the running task to reach its next cancellation check; the
     * thread is a daemon, so a native call that does not return in time cannot keep the JVM alive.
     */
    @Override
    public void shutdown() {
        unfinished.forEach(BackgroundTask::cancel);
        thread.shutdown();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
