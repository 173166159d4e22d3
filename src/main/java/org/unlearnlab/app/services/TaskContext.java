package org.unlearnlab.app.services;

import org.unlearnlab.engine.progress.CancellationToken;

/**
 * What a running {@link BackgroundTask} may do besides computing its result: report progress, say what it is
 * doing, and notice that the user cancelled it. Callable from the task's own (engine) thread only.
 */
public interface TaskContext {

    /** Fraction done in [0,1]; a negative value means "busy, amount unknown". Cheap: updates are coalesced. */
    void updateProgress(double fraction);

    default void updateProgress(long done, long total) {
        updateProgress(total <= 0 ? -1 : Math.min(1.0, done / (double) total));
    }

    /** One short line for the status bar, e.g. "Loading MNIST…". */
    void updateMessage(String message);

    boolean isCancelled();

    /**
     * For long tasks, between two batches: runs the {@link BackgroundTask#quick() quick} tasks queued meanwhile
     * (an attack-lab click during an experiment), here on this same engine thread, so they need not wait for the
     * end of the long task. Does nothing where there is nothing to run or no engine thread.
     */
    void runQuickTasks();

    /**
     * The token to hand to engine calls (Trainer, ExperimentRunner, attacks); {@link BackgroundTask#cancel()}
     * cancels it, so engine work stops within one batch.
     */
    CancellationToken cancellationToken();
}
