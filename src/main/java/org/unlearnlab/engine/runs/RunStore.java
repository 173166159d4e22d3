package org.unlearnlab.engine.runs;

import org.unlearnlab.engine.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The folder that holds all runs, one sub-folder each (see {@link RunFolder}). */
public final class RunStore {
    public static final String ENV_RUNS = "UNLEARNLAB_RUNS";
    /** Folders being deleted are renamed to start with this, so that a half-deleted run never lists. */
    private static final String DELETING_PREFIX = ".deleting-";

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    /** {@code $UNLEARNLAB_RUNS} if set, else {@code ~/.unlearnlab/runs}. */
    public static Path defaultRoot() {
        String env = System.getenv(ENV_RUNS);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".unlearnlab", "runs");
    }

    public Path root() {
        return root;
    }

    /** Creates a new run under this store; see {@link RunFolder#create}. */
    public RunFolder create(org.unlearnlab.engine.config.ExperimentConfig config) throws IOException {
        return RunFolder.create(root, config);
    }

    /**
     * All runs, newest first. Folders that are not runs (no or unreadable summary.json, hidden folders) are
     * skipped rather than failing the whole list; an absent root is an empty list.
     */
    public List<RunEntry> list() throws IOException {
        List<RunEntry> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                if (child.getFileName().toString().startsWith(".") || !Files.isDirectory(child)) {
                    continue;
                }
                try {
                    runs.add(new RunEntry(child, RunFolder.open(child).readSummary()));
                } catch (IOException notARun) {
                    // Anything else users keep next to their runs is theirs, not an error.
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot list runs in " + root + ": " + AtomicFiles.reason(e), e);
        }
        runs.sort(Comparator.comparing((RunEntry e) -> e.summary().started(), Comparator.nullsFirst(Instant::compareTo))
                .thenComparing(e -> e.folder().getFileName().toString())
                .reversed());
        return runs;
    }

    /**
     * Deletes a run folder and everything in it.
     *
     * @throws IOException if {@code runFolder} is not a run directly under this store's root, if it is still
     *                     running, or if deleting fails
     */
    public void delete(Path runFolder) throws IOException {
        Path folder = runFolder.toAbsolutePath().normalize();
        Path parent = folder.getParent();
        if (parent == null || !Files.isDirectory(root)
                || !parent.toRealPath().equals(root.toRealPath())) {
            throw new IOException("refusing to delete " + runFolder + ": it is not in the runs folder " + root);
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to delete " + runFolder + ": not a run folder");
        }
        RunSummary summary = RunFolder.open(folder).readSummary();
        if (summary.status() == RunStatus.RUNNING) {
            throw new IOException("refusing to delete " + runFolder + ": it is still running (pid "
                    + summary.pid() + ")");
        }
        Path doomed = parent.resolve(DELETING_PREFIX + folder.getFileName() + "-" + System.nanoTime());
        try {
            Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot delete " + runFolder + ": " + AtomicFiles.reason(e), e);
        }
        deleteTree(doomed, runFolder);
    }

    private static void deleteTree(Path dir, Path shownAs) throws IOException {
        List<Path> all;
        try (var walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new IOException("cannot delete " + shownAs + " (now " + dir.getFileName() + "): "
                        + AtomicFiles.reason(e) + " for " + dir.relativize(p), e);
            }
        }
    }
}
