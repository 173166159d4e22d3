package org.unlearnlab.engine.progress;

import java.util.concurrent.CancellationException;

/** Asked by long-running engine work between batches; cancelling makes that work stop within one batch. */
public final class CancellationToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancellationException if cancelled */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }

    public static CancellationToken none() {
        return new CancellationToken();
    }
}
