package org.unlearnlab.engine.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunStoreTest {

    @Test
    void listSkipsJunkAndPutsTheNewestFirst(@TempDir Path root) throws IOException {
        Instant t = RunFolderTest.T0;
        RunFolder middle = RunFolder.create(root, RunFolderTest.config("middle"), t.plusSeconds(60));
        RunFolder oldest = RunFolder.create(root, RunFolderTest.config("oldest"), t);
        RunFolder newest = RunFolder.create(root, RunFolderTest.config("newest"), t.plusSeconds(3600));
        newest.finish(RunStatus.COMPLETE, null);

        Files.createDirectory(root.resolve("empty"));
        Files.createDirectories(root.resolve("broken")).resolve("summary.json").toFile().createNewFile();
        Files.writeString(root.resolve("notes.txt"), "mine");
        Files.createDirectories(root.resolve(".deleting-old"));
        Files.copy(newest.path().resolve("summary.json"),
                Files.createDirectory(root.resolve(".hidden")).resolve("summary.json"));

        List<RunEntry> runs = new RunStore(root).list();
        assertEquals(List.of(newest.path(), middle.path(), oldest.path()), runs.stream().map(RunEntry::folder).toList());
        assertEquals(List.of("newest", "middle", "oldest"), runs.stream().map(r -> r.summary().name()).toList());
        assertEquals(RunStatus.COMPLETE, runs.get(0).summary().status());
        assertEquals(RunStatus.RUNNING, runs.get(1).summary().status());
    }

    @Test
    void listOfAMissingRootIsEmpty(@TempDir Path root) throws IOException {
        assertEquals(List.of(), new RunStore(root.resolve("not-yet")).list());
    }

    @Test
    void listShowsDeadRunsAsIncomplete(@TempDir Path root) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        RunFolder run = RunFolder.create(root, RunFolderTest.config("dead"));
        run.updateSummary(RunFolderTest.withPid(run.summary(), p.pid()));
        assertEquals(RunStatus.INCOMPLETE, new RunStore(root).list().get(0).summary().status());
    }

    @Test
    void deleteRemovesAFinishedRun(@TempDir Path root) throws IOException {
        RunStore store = new RunStore(root);
        RunFolder run = store.create(RunFolderTest.config("gone"));
        run.appendRemoved(List.of(new org.unlearnlab.engine.metrics.RemovedSample(1, 2, 3, 4, 5)));
        run.finish(RunStatus.CANCELLED, "stopped");
        store.delete(run.path());
        assertFalse(Files.exists(run.path()));
        try (var left = Files.list(root)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void deleteRefusesALiveRun(@TempDir Path root) throws IOException {
        RunStore store = new RunStore(root);
        RunFolder run = store.create(RunFolderTest.config("live"));
        IOException e = assertThrows(IOException.class, () -> store.delete(run.path()));
        assertTrue(e.getMessage().contains("still running (pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
        assertTrue(Files.exists(run.path().resolve("summary.json")));
    }

    @Test
    void deleteRefusesPathsOutsideTheRoot(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectory(tmp.resolve("runs"));
        RunFolder outside = RunFolder.create(tmp.resolve("elsewhere"), RunFolderTest.config("other"));
        outside.finish(RunStatus.COMPLETE, null);
        RunStore store = new RunStore(root);

        for (Path bad : List.of(outside.path(), root, tmp, root.resolve("..").resolve("elsewhere"),
                root.resolve("x/../../elsewhere").resolve(outside.path().getFileName()))) {
            IOException e = assertThrows(IOException.class, () -> store.delete(bad), bad::toString);
            assertTrue(e.getMessage().startsWith("refusing to delete " + bad), e.getMessage());
        }
        assertTrue(Files.exists(outside.path().resolve("summary.json")));

        Path notARun = Files.createDirectory(root.resolve("photos"));
        IOException e = assertThrows(IOException.class, () -> store.delete(notARun));
        assertTrue(e.getMessage().contains("is not a run folder"), e.getMessage());
        assertTrue(Files.isDirectory(notARun));
    }

    @Test
    void deleteRefusesALinkToARunElsewhere(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectory(tmp.resolve("runs"));
        RunFolder outside = RunFolder.create(tmp.resolve("elsewhere"), RunFolderTest.config("other"));
        outside.finish(RunStatus.COMPLETE, null);
        Path link;
        try {
            link = Files.createSymbolicLink(root.resolve("link"), outside.path());
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here");
            return;
        }
        assertThrows(IOException.class, () -> new RunStore(root).delete(link));
        assertTrue(Files.exists(outside.path().resolve("summary.json")));
    }

    @Test
    void defaultRootIsTheEnvironmentVariableOrUnderHome() {
        String env = System.getenv(RunStore.ENV_RUNS);
        Path expected = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".unlearnlab", "runs");
        assertEquals(expected, RunStore.defaultRoot());
    }
}
