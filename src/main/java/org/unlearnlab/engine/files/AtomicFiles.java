package org.unlearnlab.engine.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces files so that a crash, a kill -9 or a full disk at any moment leaves either the old or the new
 * content, never a mix: the new content goes to a temporary file in the same folder (so the rename stays on
 * one file system), is flushed to the disk, and is then renamed over the target.
 */
public final class AtomicFiles {

    /** Writes the new content to {@code tempFile}, which exists and is empty. */
    @FunctionalInterface
    public interface IoWriter {
        void writeTo(Path tempFile) throws IOException;
    }

    /** Creates the empty temporary file a write of {@code targetName} in {@code dir} goes to. */
    @FunctionalInterface
    interface TempFiles {
        Path create(Path dir, String targetName) throws IOException;
    }

    /**
     * Normally {@link #createTemp}. The fault tests swap it to run the real write path into a full disk (a temp
     * file that is a link to /dev/full, so the kernel itself answers ENOSPC) or to act at a chosen write;
     * nothing else may change it.
     */
    static volatile TempFiles tempFiles = AtomicFiles::createTemp;

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code content} in UTF-8. */
    public static void writeString(Path target, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        write(target, temp -> Files.write(temp, bytes));
    }

    /**
     * Replaces {@code target} with what {@code writer} writes. If anything fails, the target is untouched
     * and the temporary file is removed.
     *
     * @throws IOException whose message names {@code target} and what failed, e.g.
     *                     {@code cannot write runs/x/metrics.jsonl: No space left on device}
     */
    public static void write(Path target, IoWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        boolean moved = false;
        try {
            temp = tempFiles.create(dir, target.getFileName().toString());
            writer.writeTo(temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncFolder(dir);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (temp != null && !moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
    }

    /**
     * Creates the temp file with the default permissions (Files.createTempFile would make it owner-only, and
     * the rename would carry that over to the target).
     */
    static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename itself durable; not possible on every platform (Windows), and then not needed. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort: the data itself was already forced.
        }
    }

    /** What failed, in words, without the path (which the caller puts in front). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "something with that name is in the way";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
