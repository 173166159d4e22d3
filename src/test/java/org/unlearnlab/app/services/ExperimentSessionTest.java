package org.unlearnlab.app.services;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.metrics.TrainingProgress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentSessionTest {
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final List<String> installed = new ArrayList<>();

    static IterationMetrics iteration(int i, double fgsm) {
        AttackSummary a = new AttackSummary("fgsm-stable", 0.1, fgsm, 1.0, 0, 100);
        return new IterationMetrics(i, 1000 - 10 * i, 10 * i, new CleanSummary(0.98, 0.05, 100), a, a,
                new AttackSummary("pgd", 0.1, fgsm / 2, 2.0, 0, 100), 100, 5, false);
    }

    @Test
    void a_run_publishes_every_event_and_ends_succeeded() {
        List<RunMonitor.Status> statuses = new ArrayList<>();
        ExperimentSession session = new ExperimentSession(executor, (config, listener, token) -> {
            listener.log("data loaded");
            for (int b = 1; b <= 10; b++) {
                listener.trainingProgress(new TrainingProgress("initial", 1, 1, b, 10, 2.0 / b, 1000, b, 10 - b));
            }
            listener.epochFinished(new EpochMetrics("initial", 0, 1, 0.5, 0.95, 0.2, 1000, 100));
            listener.iterationFinished(iteration(0, 0.3));
            listener.samplesRemoved(1, List.of(new RemovedSample(7, 3, 5, 4.2, 1)));
            listener.iterationFinished(iteration(1, 0.5));
            return new RunOutcome(Path.of("runs", "r1"), StopReason.BUDGET_EXHAUSTED,
                    List.of(iteration(0, 0.3), iteration(1, 0.5)), List.of(), 990, 50, null);
        }, (model, origin) -> installed.add(origin));
        session.statusProperty().addListener((obs, old, now) -> statuses.add(now));

        session.start(ExperimentConfig.defaults().withName("demo"));

        assertEquals(List.of(RunMonitor.Status.RUNNING, RunMonitor.Status.SUCCEEDED), statuses);
        assertEquals("demo", session.configProperty().get().name());
        assertEquals(1, session.epochs().size());
        assertEquals(List.of(0, 1), session.iterations().stream().map(IterationMetrics::iteration).toList());
        assertEquals(7, session.removedSamples().get(0).datasetIndex());
        assertTrue(session.log().contains("data loaded"));
        assertEquals(10, session.lastProgressProperty().get().batch());
        assertEquals(Path.of("runs", "r1"), session.runFolderProperty().get());
        assertFalse(session.runningProperty().get());
        assertTrue(installed.isEmpty(), "no model to install from this fake run");
    }

    @Test
    void a_failing_run_ends_failed_with_a_one_line_reason() {
        ExperimentSession session = new ExperimentSession(executor, (config, listener, token) -> {
            throw new IOException("cannot create run folder /nope: permission denied\nat somewhere");
        }, (model, origin) -> { });

        session.start(ExperimentConfig.defaults());

        assertEquals(RunMonitor.Status.FAILED, session.statusProperty().get());
        assertEquals("cannot create run folder /nope: permission denied", session.errorProperty().get());
        assertNull(session.outcomeProperty().get());
    }

    @Test
    void a_cancelled_run_keeps_what_it_did() {
        ExperimentSession session = new ExperimentSession(executor, (config, listener, token) -> {
            listener.iterationFinished(iteration(0, 0.3));
            token.cancel();
            return new RunOutcome(null, StopReason.CANCELLED, List.of(iteration(0, 0.3)), List.of(), 1000, 5, null);
        }, (model, origin) -> installed.add(origin));

        session.start(ExperimentConfig.defaults());

        assertEquals(RunMonitor.Status.CANCELLED, session.statusProperty().get());
        assertEquals(1, session.iterations().size());
        assertEquals(StopReason.CANCELLED, session.outcomeProperty().get().reason());
    }

    @Test
    void only_one_run_at_a_time() {
        ExperimentSession[] self = new ExperimentSession[1];
        List<Throwable> thrown = new ArrayList<>();
        self[0] = new ExperimentSession(executor, (config, listener, token) -> {
            thrown.add(assertThrows(IllegalStateException.class, () -> self[0].start(config)));
            return null;
        }, (model, origin) -> { });
        self[0].start(ExperimentConfig.defaults());
        assertEquals(1, thrown.size());
    }
}
