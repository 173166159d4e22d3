package org.unlearnlab.app.attacklab;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs only the last of a burst of requests, once the burst has paused: dragging the epsilon slider sends
 * dozens of values a second, and attacking each one would queue stale work on the single engine thread.
 */
@FunctionalInterface
public interface Debouncer {
    void request(Runnable action);

    /** Runs every request at once; for view-model tests. */
    static Debouncer immediate() {
        return Runnable::run;
    }

    /** Waits {@code millis} of quiet on the FX thread before running the latest request. */
    static Debouncer fx(double millis) {
        PauseTransition pause = new PauseTransition(Duration.millis(millis));
        Runnable[] latest = new Runnable[1];
        pause.setOnFinished(e -> {
            Runnable r = latest[0];
            latest[0] = null;
            if (r != null) {
                r.run();
            }
        });
        return action -> {
            latest[0] = action;
            pause.playFromStart();
        };
    }
}
