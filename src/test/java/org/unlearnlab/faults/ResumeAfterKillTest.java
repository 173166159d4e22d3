package org.unlearnlab.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real `unlearnlab run` killed with SIGKILL at a random moment after its second iteration row, resumed with
 * `run --resume`, that resume stopped with SIGINT (Ctrl-C) part-way, and resumed again: the run
 * ends with the removed samples and figures of the same config run without interruption.
 */
class ResumeAfterKillTest {

    @Test
    @Timeout(900)
    void killedThenInterruptedThenResumedEndsAsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        // 12 iterations so that the resumed run is still going when the Ctrl-C below arrives, even on a loaded machine
        // (with 6 it sometimes finished first and exited 0).
        ExperimentConfig config = TinyConfig.of("resumed", 500, 100, 20, 12, 2, 50, true);
        Path configFile = ChildCli.write(config, dir);
        // The reference runs in a child JVM too: run in this test JVM, the same config removed the same samples but
        // with losses that differ in their last float bits (2.6991298 here, 2.6991301 in a child) from iteration 1
        // on, before any kill, so from how this JVM's native side was set up, not from the resume.
        Path reference = dir.resolve("runs").resolve("uninterrupted");
        Path logs0 = Files.createDirectories(dir.resolve("reference"));
        ChildCli whole = ChildCli.start(logs0, false, "run", "--config", configFile.toString(),
                "--out", reference.toString());
        assertEquals(0, whole.await(Duration.ofSeconds(300)), Files.readString(whole.stderr));
        RunFolder expected = RunFolder.open(reference);
        Path out = dir.resolve("runs").resolve("killed");

        ChildCli first = ChildCli.start(dir, false, "run", "--config", configFile.toString(),
                "--out", out.toString());
        String when = first.killNineAfterIterationRows(out, 2);
        assertEquals(RunStatus.INCOMPLETE, RunFolder.open(out).readSummary().status(), when);
        int rowsAtKill = RunFolder.open(out).readIterations().size();

        Path logs2 = Files.createDirectories(dir.resolve("second"));
        ChildCli second = ChildCli.start(logs2, false, "run", "--resume", out.toString());
        try {
            second.awaitIterationRows(out, rowsAtKill + 2, Duration.ofSeconds(240));
            // Ctrl-C is SIGINT: the shutdown hook cancels the run, and the JVM ends with 128 + 2. A process started
            // in the background by a non-interactive shell (a CI script run with '&') inherits SIGINT ignored, and
            // so does the child; SIGTERM reaches the same shutdown hook there (128 + 15).
            int signal = sigintIgnored() ? 15 : 2;
            new ProcessBuilder("kill", "-" + signal, Long.toString(second.process.pid())).start().waitFor();
            assertEquals(128 + signal, second.await(Duration.ofSeconds(60)), Files.readString(second.stderr));
        } finally {
            second.process.destroyForcibly();
        }
        assertEquals(RunStatus.CANCELLED, RunFolder.open(out).readSummary().status());

        Path logs3 = Files.createDirectories(dir.resolve("third"));
        ChildCli third = ChildCli.start(logs3, false, "run", "--resume", out.toString());
        assertEquals(0, third.await(Duration.ofSeconds(300)), Files.readString(third.stderr));

        RunFolder run = RunChecks.assertReadable(out, config);
        assertEquals(RunStatus.COMPLETE, run.readSummary().status());
        assertEquals(expected.readRemoved(), run.readRemoved(), when + ": removed samples, in order");
        List<IterationMetrics> rows = run.readIterations();
        assertEquals(expected.readIterations().size(), rows.size(), when);
        for (int i = 0; i < rows.size(); i++) {
            IterationMetrics x = expected.readIterations().get(i);
            assertEquals(x.clean(), rows.get(i).clean(), when + ", row " + i);
            assertEquals(x.fgsmStable(), rows.get(i).fgsmStable(), when + ", row " + i);
            assertEquals(x.pgd(), rows.get(i).pgd(), when + ", row " + i);
        }
        System.out.println("resume after kill -9: " + when + " (" + rowsAtKill + " iteration rows then), "
                + run.readRemoved().size() + " removed samples as uninterrupted, leftover temp files "
                + RunChecks.leftoverTempFiles(out));
    }

    /** Whether this process ignores SIGINT (bit 2 of the SigIgn mask in /proc/self/status); children inherit it. */
    private static boolean sigintIgnored() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
