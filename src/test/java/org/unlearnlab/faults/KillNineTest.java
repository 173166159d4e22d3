package org.unlearnlab.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunEntry;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.runs.RunStore;
import org.unlearnlab.engine.runs.RunSummary;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real `unlearnlab run` in its own JVM, at a random moment after its second iteration row:
 * whatever write it was in the middle of, the folder must read back whole and say INCOMPLETE.
 */
class KillNineTest {

    @Test
    @Timeout(300)
    void aKilledRunKeepsEveryFinishedIterationAndReadsIncomplete(@TempDir Path dir) throws Exception {
        ExperimentConfig config = ChildCli.longRun();
        Path out = dir.resolve("runs").resolve("killed");
        ChildCli child = ChildCli.start(dir, false, "run", "--config", ChildCli.write(config, dir).toString(),
                "--out", out.toString());
        String when = child.killNineAfterIterationRows(out, 2);

        RunFolder run = RunChecks.assertReadable(out, config);
        RunSummary summary = run.readSummary();
        assertEquals(RunStatus.INCOMPLETE, summary.status(), when);
        List<RunEntry> listed = new RunStore(out.getParent()).list();
        assertEquals(1, listed.size());
        assertEquals(RunStatus.INCOMPLETE, listed.get(0).summary().status(), "as the runs list shows it");

        int rows = run.readIterations().size();
        assertTrue(rows >= 2, when + ": " + rows + " iteration rows");
        // The summary is written right after the metrics row it counts: it may lag by that one row.
        int lastRow = run.readIterations().get(rows - 1).iteration();
        assertTrue(summary.iterationsDone() == lastRow || summary.iterationsDone() == lastRow - 1,
                when + ": summary says " + summary.iterationsDone() + " iterations, metrics " + lastRow);
        // Iteration 1 removed its 20 samples before its row was written.
        assertTrue(run.readRemoved().size() >= 20, when + ": " + run.readRemoved().size() + " removed");
        assertTrue(run.readEpochs().size() >= 2, when);
        System.out.println("kill -9: " + when + "; " + rows + " iteration rows, " + run.readRemoved().size()
                + " removed samples, leftover temp files " + RunChecks.leftoverTempFiles(out));
    }
}
