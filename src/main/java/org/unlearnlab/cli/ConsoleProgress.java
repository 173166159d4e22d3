package org.unlearnlab.cli;

import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.progress.RunEta;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Progress on stderr: a redrawn bar on a terminal; on a pipe or in CI, one line per epoch and iteration
 * so logs stay readable. With a {@link RunEta}, every finished iteration also gets a whole-run line
 * ("iteration 3/10 done, 2:14 elapsed, ETA 4:30").
 */
final class ConsoleProgress implements ExperimentListener {
    private static final int WIDTH = 28;
    private final PrintStream err;
    private final boolean terminal;
    private long lastDraw;
    private boolean barShown;
    private RunEta eta;
    private String etaPrefix = "";
    private Consumer<IterationMetrics> onIteration = m -> { };

    ConsoleProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Follows {@code runEta} from here on: iteration 0 marks the initial training done, every later (non-final)
     * iteration is counted with its measured time, and a whole-run line follows each.
     *
     * @param prefix put before the whole-run line (compare's "whole comparison: ")
     */
    ConsoleProgress withRunEta(RunEta runEta, String prefix) {
        this.eta = runEta;
        this.etaPrefix = prefix;
        return this;
    }

    static ConsoleProgress onStderr() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    /** Also hands every finished iteration to {@code consumer} (run --json prints it on stdout). */
    ConsoleProgress alsoOnIteration(Consumer<IterationMetrics> consumer) {
        this.onIteration = consumer;
        return this;
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
        onIteration.accept(m);
        if (eta == null || m.finalFullTest()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (m.iteration() == 0) {
            eta.initialDone(now);
        } else {
            eta.iterationDone(m.millis(), now);
            err.println(etaPrefix + eta.line(now));
        }
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
