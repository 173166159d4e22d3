package org.unlearnlab.engine.progress;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.config.ExperimentConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunEtaTest {
    private static final long T0 = 1_000_000;

    @Test
    void beforeTheInitialTrainingEndsTheTimeLeftIsUnknown() {
        RunEta eta = new RunEta(10, T0, 0.5);
        assertEquals(-1, eta.remainingMillis(T0 + 5_000));
        assertEquals("iteration 0/10 done, 0:05 elapsed, ETA unknown", eta.line(T0 + 5_000));
    }

    @Test
    void untilAnIterationIsMeasuredOneIsGuessedFromTheInitialTrainingScaled() {
        RunEta eta = new RunEta(4, T0, 0.5);
        eta.initialDone(T0 + 60_000);
        assertEquals(30_000, eta.perIterationMillis());
        // 10 s into iteration 1: 20 s of it left, then 3 more of 30 s.
        assertEquals(20_000 + 3 * 30_000, eta.remainingMillis(T0 + 70_000));
    }

    @Test
    void measuredIterationsReplaceTheGuessWithTheirMean() {
        RunEta eta = new RunEta(10, T0, 0.5);
        eta.initialDone(T0 + 60_000);
        eta.iterationDone(40_000, T0 + 100_000);
        eta.iterationDone(50_000, T0 + 150_000);
        eta.iterationDone(60_000, T0 + 210_000);
        assertEquals(3, eta.completed());
        assertEquals(50_000, eta.perIterationMillis());
        // Right after iteration 3: 7 iterations of 50 s.
        assertEquals(350_000, eta.remainingMillis(T0 + 210_000));
        assertEquals("iteration 3/10 done, 3:30 elapsed, ETA 5:50", eta.line(T0 + 210_000));
        // 20 s into iteration 4: 30 s of it and 6 more.
        assertEquals(30_000 + 300_000, eta.remainingMillis(T0 + 230_000));
    }

    @Test
    void anIterationThatOverrunsItsEstimateNeverMakesTheTimeLeftNegative() {
        RunEta eta = new RunEta(3, T0, 1);
        eta.initialDone(T0 + 10_000);
        eta.iterationDone(10_000, T0 + 20_000);
        assertEquals(10_000, eta.remainingMillis(T0 + 500_000), "only the iteration not started is left");
    }

    @Test
    void theDurationIsTheEnginesOwnSoReplayedIterationsCountAsTheyRan() {
        RunEta eta = new RunEta(5, T0, 1);
        eta.initialDone(T0);
        eta.iterationDone(120_000, T0 + 10);
        eta.iterationDone(120_000, T0 + 20);
        assertEquals(120_000, eta.perIterationMillis());
        assertEquals(3 * 120_000, eta.remainingMillis(T0 + 20));
    }

    @Test
    void whenEveryIterationIsDoneNothingIsLeft() {
        RunEta eta = new RunEta(2, T0, 1);
        eta.initialDone(T0 + 1_000);
        eta.iterationDone(1_000, T0 + 2_000);
        eta.iterationDone(1_000, T0 + 3_000);
        assertEquals(0, eta.remainingMillis(T0 + 4_000));
        assertEquals("iteration 2/2 done, 0:04 elapsed, ETA 0:00", eta.line(T0 + 4_000));
    }

    @Test
    void theGuessFollowsTheConfigsEpochsAndClocksReadAsMinutesOrHours() {
        ExperimentConfig d = ExperimentConfig.defaults();
        RunEta eta = RunEta.forConfig(d, 3, T0);
        assertEquals(3 * d.unlearning().maxIterations(), eta.total());
        assertEquals(0.5, RunEta.iterationShare(1, 2));
        assertEquals(0.25, RunEta.iterationShare(1, 20), "attack and evaluation are never free");
        assertEquals("2:14", RunEta.clock(134_000));
        assertEquals("1:02:05", RunEta.clock(3_725_000));
        assertEquals("0:01", RunEta.clock(1), "a time left never reads 0:00 before it is over");
    }
}
