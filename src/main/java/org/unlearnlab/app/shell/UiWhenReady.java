package org.unlearnlab.app.shell;

import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@link Platform#runLater}, except that what arrives before JavaFX runs waits until {@link #open}: the engine
 * executor starts loading before the toolkit exists, and its progress callbacks must not fail for that.
 */
final class UiWhenReady implements Executor {
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean open;

    @Override
    public synchronized void execute(Runnable command) {
        if (open) {
            Platform.runLater(command);
        } else {
            waiting.add(command);
        }
    }

    /** JavaFX runs: what waited is passed on, in order, and everything later goes straight through. */
    synchronized void open() {
        open = true;
        waiting.forEach(Platform::runLater);
        waiting.clear();
    }
}
