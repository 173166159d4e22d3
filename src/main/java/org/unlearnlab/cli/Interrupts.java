package org.unlearnlab.cli;

import org.unlearnlab.engine.progress.CancellationToken;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) cancels the work instead of killing it mid-write: the engine stops within a
 * batch, the run is marked cancelled and everything finished stays on disk.
 */
final class Interrupts {
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private Interrupts() {
    }

    static CancellationToken cancelOnCtrlC() {
        CancellationToken token = new CancellationToken();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            token.cancel();
            try {
                DONE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "unlearnlab-cancel"));
        return token;
    }

    /** Lets a pending shutdown hook return once the run has recorded its end. */
    static void finished() {
        DONE.countDown();
    }
}
