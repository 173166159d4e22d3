package org.unlearnlab.faults;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Run folders the command line cannot write to. Root ignores a folder's mode, so as root the child JVM runs
 * without root's permission overrides (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH): the kernel
 * then refuses the writes exactly as it does for any other user.
 */
class ReadOnlyRunFolderTest {

    @BeforeEach
    void permissionsCanApply() {
        assumeTrue(!ChildCli.isRoot() || ChildCli.canDropRootOverrides(), "root without setpriv: modes do not apply");
    }

    @Test
    @Timeout(120)
    void anOutFolderThatCannotBeWrittenIsNamedAndStaysEmpty(@TempDir Path dir) throws Exception {
        Path config = ChildCli.write(ChildCli.longRun(), dir);
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        readOnly(readOnly, true);
        try {
            ChildCli child = ChildCli.start(dir, true, "run", "--config", config.toString(), "--out",
                    readOnly.toString());
            child.assertErrorLine(2, child.await(Duration.ofSeconds(45)),
                    "cannot write " + readOnly.resolve(RunFolder.CONFIG) + ": permission denied");
            assertEquals(0, count(readOnly));

            Path inside = readOnly.resolve("run");
            child = ChildCli.start(dir, true, "run", "--config", config.toString(), "--out", inside.toString());
            child.assertErrorLine(2, child.await(Duration.ofSeconds(45)),
                    "cannot create run folder " + inside + ": permission denied");
            assertEquals(0, count(readOnly));
        } finally {
            readOnly(readOnly, false);
        }
    }

    /**
     * The folder turns read-only while the run is between iterations: the run stops at its next write with
     * exit 2 (the user can fix the folder) naming that file, cannot record its own failure either, and so reads INCOMPLETE once its process
     * is gone; everything written before reads back.
     */
    @Test
    @Timeout(300)
    void aRunFolderMadeReadOnlyMidRunStopsTheRunAndKeepsWhatItWrote(@TempDir Path dir) throws Exception {
        ExperimentConfig config = ChildCli.longRun();
        Path out = dir.resolve("run");
        ChildCli child = ChildCli.start(dir, true, "run", "--config", ChildCli.write(config, dir).toString(),
                "--out", out.toString());
        try {
            child.awaitIterationRows(out, 1, Duration.ofSeconds(240));
            readOnly(out, true);
            String line = child.assertErrorLine(2, child.await(Duration.ofSeconds(60)), "cannot write " + out + "/",
                    ": permission denied");
            assertTrue(line.matches("unlearnlab: cannot write .*/(removed\\.csv|metrics\\.jsonl|summary\\.json|model\\.zip): "
                    + "permission denied"), line);
        } finally {
            child.process.destroyForcibly();
            readOnly(out, false);
        }
        RunFolder run = RunChecks.assertReadable(out, config);
        assertEquals(RunStatus.INCOMPLETE, run.readSummary().status());
        assertTrue(run.readIterations().size() >= 1);
        // A write whose temp file was created just before the folder turned read-only cannot remove it
        // either; such a file is hidden and ignored by every reader (checked above).
        assertTrue(RunChecks.leftoverTempFiles(out).size() <= 1, RunChecks.leftoverTempFiles(out).toString());
    }

    private static void readOnly(Path dir, boolean readOnly) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(readOnly ? "r-xr-xr-x" : "rwxr-xr-x"));
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
