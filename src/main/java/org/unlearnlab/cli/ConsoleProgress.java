package org.unlearnlab.cli;

import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.io.PrintStream;

/**
 * Progress on stderr: a redrawn bar on a terminal; on a pipe or in CI, one line per epoch and iteration
 * so logs stay readable.
 */
final class ConsoleProgress implements ExperimentListener {
    private static final int WIDTH = 28;
    private final PrintStream err;
    private final boolean terminal;
    private long lastDraw;
    private boolean barShown;

    ConsoleProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static ConsoleProgress onStderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public void trainingProgress(TrainingProgress p) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && p.batch() != p.batchesPerEpoch()) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(p.fraction() * WIDTH);
        err.printf("\r[%s%s] %-12s epoch %d/%d batch %d/%d loss %.3f %,.0f samples/s ETA %s   ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), p.phase(), p.epoch(), p.epochs(), p.batch(),
                p.batchesPerEpoch(), p.batchLoss(), p.samplesPerSecond(), Format.duration(p.etaMillis()));
        barShown = true;
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        clearBar();
        err.printf("%s epoch %d: train loss %.4f, test accuracy %.4f (%d samples, %s)%n", m.phase(), m.epoch(),
                m.trainLoss(), m.testAccuracy(), m.trainSize(), Format.duration(m.millis()));
    }

    @Override
    public void iterationFinished(IterationMetrics m) {
        clearBar();
        err.println((m.finalFullTest() ? "final (all test images)" : "iteration " + m.iteration()) + ": "
                + Format.metrics(m));
    }

    @Override
    public void log(String line) {
        clearBar();
        err.println(line);
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r" + " ".repeat(120) + "\r");
            barShown = false;
        }
    }
}
