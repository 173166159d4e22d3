package org.unlearnlab.app.services;

import javafx.beans.property.ReadOnlyObjectProperty;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs {@link BackgroundTask}s one after the other, in submission order, off the UI thread. ND4J is not
 * thread-safe, so every engine call in the app goes through the one executor held by the AppContext.
 */
public interface TaskExecutor {

    /** Queues {@code task} and returns it (to cancel it or bind to its progress). */
    <T> BackgroundTask<T> execute(BackgroundTask<T> task);

    /** Where task callbacks run: the FX thread in the app, the calling thread in tests. */
    Executor uiExecutor();

    /** The task running now, or null; changes on the UI thread (for the status bar). */
    ReadOnlyObjectProperty<BackgroundTask<?>> currentTaskProperty();

    /**
     * An {@link EventThrottle} that delivers on {@link #uiExecutor()} at a rate the UI can draw (about 20 times
     * a second in the app; at once, unthrottled, in {@link CurrentThreadTaskExecutor} so tests stay deterministic).
     *
     * @param coalesceKey events with the same non-null key replace each other until delivered; a null key keeps
     *                    the event (epoch ends, iteration rows, log lines)
     */
    <E> EventThrottle<E> throttle(Function<? super E, ?> coalesceKey, Consumer<? super List<E>> sink);

    /** Cancels the running and queued tasks and stops the thread; tasks submitted afterwards are cancelled. */
    void shutdown();
}
