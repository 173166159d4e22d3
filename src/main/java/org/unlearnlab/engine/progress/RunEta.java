package org.unlearnlab.engine.progress;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.RetrainMode;

import java.util.Locale;

/**
 * How far a whole run is and how long the rest of it should take: iteration i of N and the time left, estimated
 * from the iterations measured so far rather than from the phase that happens to be running. The app's Experiment
 * page and the CLI's {@code run} and {@code compare} both ask this class, so they always agree.
 *
 * <p>Before the first iteration has finished, an iteration is guessed to take the initial training's time scaled
 * by {@code iterationShare} (its retraining epochs over the initial epochs); from then on the mean of the
 * measured iterations is used. A run that meets its stopping rule early ends before the estimate: the time left is
 * for the whole iteration budget. Times are passed in, never read from a clock, so a test can construct them.
 */
public final class RunEta {
    private final int totalIterations;
    private final long startMillis;
    private final double iterationShare;
    private long initialMillis = -1;
    private long lastMarkMillis;
    private int completed;
    private long measuredMillis;

    /**
     * @param totalIterations the iteration budget N (iteration 0, the starting model, is not counted)
     * @param startMillis     when the run started, on the caller's clock
     * @param iterationShare  the guess of one iteration's time as a share of the initial training's, used until
     *                        an iteration is measured; see {@link #iterationShare(int, int)}
     */
    public RunEta(int totalIterations, long startMillis, double iterationShare) {
        if (totalIterations < 0) {
            throw new IllegalArgumentException("totalIterations " + totalIterations);
        }
        this.totalIterations = totalIterations;
        this.startMillis = startMillis;
        this.lastMarkMillis = startMillis;
        this.iterationShare = iterationShare > 0 && Double.isFinite(iterationShare) ? iterationShare : 1;
    }

    /**
     * One iteration's time relative to the initial training, from the epochs each trains: an iteration retrains
     * {@code retrainEpochs} epochs on a slightly smaller set, and attacks and evaluates besides (hence the floor).
     */
    public static double iterationShare(int retrainEpochs, int initialEpochs) {
        return Math.max(0.25, retrainEpochs / (double) Math.max(1, initialEpochs));
    }

    /** The estimate for a run of {@code cfg} started at {@code startMillis}. */
    public static RunEta forConfig(ExperimentConfig cfg, long startMillis) {
        return forConfig(cfg, 1, startMillis);
    }

    /** The estimate for {@code runs} runs of {@code cfg} one after another (a comparison's strategies). */
    public static RunEta forConfig(ExperimentConfig cfg, int runs, long startMillis) {
        int epochs = cfg.training().epochs();
        int retrain = cfg.unlearning().retrain() == RetrainMode.SCRATCH ? epochs : cfg.unlearning().retrainEpochs();
        return new RunEta(cfg.unlearning().maxIterations() * Math.max(1, runs), startMillis,
                iterationShare(retrain, epochs));
    }

    /** The starting model is trained (and evaluated) at {@code nowMillis}: iteration 0 is done. */
    public void initialDone(long nowMillis) {
        initialMillis = Math.max(0, nowMillis - startMillis);
        lastMarkMillis = nowMillis;
    }

    /**
     * An iteration finished at {@code nowMillis} after {@code durationMillis}. The duration is the engine's own
     * figure, so iterations replayed from a resumed run's record count with the time they really took.
     */
    public void iterationDone(long durationMillis, long nowMillis) {
        completed++;
        measuredMillis += Math.max(0, durationMillis);
        lastMarkMillis = nowMillis;
    }

    public int completed() {
        return completed;
    }

    public int total() {
        return totalIterations;
    }

    public long elapsedMillis(long nowMillis) {
        return Math.max(0, nowMillis - startMillis);
    }

    /** The expected time of one iteration, or -1 while neither an iteration nor the initial training is measured. */
    public long perIterationMillis() {
        if (completed > 0) {
            return Math.round(measuredMillis / (double) completed);
        }
        return initialMillis < 0 ? -1 : Math.round(initialMillis * iterationShare);
    }

    /**
     * Time left at {@code nowMillis} until the iteration budget is spent: what remains of the iteration under way
     * (never below zero, however long it overruns) plus the iterations not started; -1 while unknown (during the
     * initial training) and 0 once every iteration is done.
     */
    public long remainingMillis(long nowMillis) {
        int left = totalIterations - completed;
        if (left <= 0) {
            return 0;
        }
        long per = perIterationMillis();
        if (per < 0) {
            return -1;
        }
        long current = Math.max(0, per - Math.max(0, nowMillis - lastMarkMillis));
        return current + (left - 1) * per;
    }

    /** "iteration 3/10 done, 2:14 elapsed, ETA 4:30" (the CLI's progress line). */
    public String line(long nowMillis) {
        long left = remainingMillis(nowMillis);
        return "iteration " + completed + "/" + totalIterations + " done, " + clock(elapsedMillis(nowMillis))
                + " elapsed, ETA " + (left < 0 ? "unknown" : clock(left));
    }

    /** 134_000 as "2:14", 3_725_000 as "1:02:05"; rounded up to the second, so a time left never shows 0:00. */
    public static String clock(long millis) {
        long s = (Math.max(0, millis) + 999) / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
