package org.unlearnlab.app.services;

import org.unlearnlab.engine.progress.CancellationToken;

import java.util.function.Consumer;

/**
 * A background task whose engine work reports events: they reach the FX thread through the executor's throttle
 * (progress coalesced to the latest, everything else in order), and the last batch arrives before the task's own
 * callbacks, so a page never sees a late progress event after it has shown the result.
 */
public final class ThrottledTask {
    private ThrottledTask() {
    }

    /** Engine work that sends events. */
    @FunctionalInterface
    public interface Work<E, T> {
        T run(Consumer<E> events, CancellationToken token) throws Exception;
    }

    /**
     * @param progress the event type of which only the latest of a batch matters
     * @param onEvent  called on the FX thread for every event that is kept, in order
     */
    public static <E, T> BackgroundTask<T> of(TaskExecutor executor, String title, Class<?> progress,
                                              Consumer<? super E> onEvent, Work<E, T> work) {
        EventThrottle<E> throttle = executor.throttle(e -> progress.isInstance(e) ? progress : null,
                batch -> batch.forEach(onEvent));
        return BackgroundTask.of(title, ctx -> {
            try {
                return work.run(throttle::offer, ctx.cancellationToken());
            } finally {
                throttle.flush();
            }
        });
    }
}
