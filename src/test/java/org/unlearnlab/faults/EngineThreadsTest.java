package org.unlearnlab.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 30-iteration unlearning loop on 400 images, recorded in a run folder, starts no thread it does not end:
 * the threads that would keep a JVM alive (non-daemon) and the engine's own ("unlearnlab-...") are the same
 * at the end as after iteration 1. Memory is measured by `bench --only memory`, not asserted here.
 */
class EngineThreadsTest {
    private static final int ITERATIONS = 30;

    @Test
    void thirtyIterationsStartNoLastingThread(@TempDir Path dir) throws Exception {
        ExperimentConfig cfg = TinyConfig.of("threads", 400, 100, 5, ITERATIONS, 2, 100, false);
        List<Set<String>> snapshots = new java.util.ArrayList<>();
        RunFolder folder = RunFolder.createAt(dir.resolve("run"), cfg);
        RunOutcome o = new ExperimentRunner(cfg).withData(SmallMnist.split(400, 100)).run(folder,
                new ExperimentListener() {
                    @Override
                    public void iterationFinished(IterationMetrics m) {
                        if (m.iteration() == 1) {
                            snapshots.add(watchedThreads());
                        }
                    }
                }, CancellationToken.none());
        Set<String> end = watchedThreads();

        assertEquals(StopReason.BUDGET_EXHAUSTED, o.reason());
        assertEquals(ITERATIONS, o.last().iteration());
        assertEquals(ITERATIONS + 1, RunFolder.open(folder.path()).readIterations().size());
        Set<String> started = new HashSet<>(end);
        started.removeAll(snapshots.get(0));
        assertTrue(started.isEmpty(), "threads started after iteration 1 and still alive: " + started);
        assertTrue(end.size() <= snapshots.get(0).size(), "after iteration 1: " + snapshots.get(0) + ", end: " + end);
    }

    /** Live non-daemon threads and the engine's named ones, as "name#id". */
    private static Set<String> watchedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (!t.isDaemon() || t.getName().startsWith("unlearnlab")))
                .map(t -> t.getName() + "#" + t.getId())
                .collect(Collectors.toSet());
    }
}
