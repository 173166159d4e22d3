package org.unlearnlab.engine.files;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Test-only handle on {@link AtomicFiles}' temporary files, for the fault tests in other packages. Every
 * write still runs the real code: create the temp file, write, force, rename, clean up on failure.
 */
public final class WriteFaults {
    /** A device that accepts opening and answers every write with ENOSPC ("No space left on device"). */
    public static final Path DEV_FULL = Path.of("/dev/full");

    /** Something to do just before a write of {@code target} starts. */
    @FunctionalInterface
    public interface BeforeWrite {
        void accept(Path target) throws IOException;
    }

    /** Undoes an installed fault. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    private WriteFaults() {
    }

    /**
     * From the first write whose target matches {@code fillsUp} on, the disk is full: every temp file is a
     * symbolic link to /dev/full, so the kernel fails the writer's first write with ENOSPC, as a full
     * partition does for a file that could still be created.
     */
    public static Installed diskFullFrom(Predicate<Path> fillsUp) {
        boolean[] full = {false};
        return install((dir, name) -> {
            synchronized (full) {
                full[0] |= fillsUp.test(dir.resolve(name));
                if (!full[0]) {
                    return AtomicFiles.createTemp(dir, name);
                }
            }
            return Files.createSymbolicLink(dir.resolve("." + name + "." + System.nanoTime() + ".tmp"), DEV_FULL);
        });
    }

    /** Runs {@code action} before every write, then writes as usual. */
    public static Installed beforeEachWrite(BeforeWrite action) {
        return install((dir, name) -> {
            action.accept(dir.resolve(name));
            return AtomicFiles.createTemp(dir, name);
        });
    }

    private static Installed install(AtomicFiles.TempFiles temps) {
        AtomicFiles.tempFiles = temps;
        return () -> AtomicFiles.tempFiles = AtomicFiles::createTemp;
    }
}
