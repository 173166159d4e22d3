package org.unlearnlab.app.services;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs each task inline, callbacks included, before {@link #execute} returns; events are delivered unthrottled.
 * For view-model tests: no FX toolkit, no waiting, deterministic order.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private final ReadOnlyObjectWrapper<BackgroundTask<?>> current = new ReadOnlyObjectWrapper<>(this, "currentTask");
    private boolean shutDown;

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        if (shutDown) {
            task.cancel();
        }
        BackgroundTask<?> outer = current.get();
        current.set(task);
        try {
            task.run(Runnable::run);
        } finally {
            current.set(outer);
        }
        return task;
    }

    @Override
    public Executor uiExecutor() {
        return Runnable::run;
    }

    @Override
    public ReadOnlyObjectProperty<BackgroundTask<?>> currentTaskProperty() {
        return current.getReadOnlyProperty();
    }

    @Override
    public <E> EventThrottle<E> throttle(Function<? super E, ?> coalesceKey, Consumer<? super List<E>> sink) {
        return EventThrottle.immediate(coalesceKey, sink);
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }
}
