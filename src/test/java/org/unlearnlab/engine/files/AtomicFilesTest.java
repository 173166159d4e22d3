package org.unlearnlab.engine.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {

    @Test
    void replacesTheContentAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two \u00fc");
        assertEquals("two \u00fc", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTempFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        AtomicFiles.writeString(file, "old\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, temp -> {
            Files.writeString(temp, "half of the new");
            throw new FileSystemException(temp.toString(), null, "No space left on device");
        }));
        assertEquals("cannot write " + file + ": No space left on device", e.getMessage());
        assertEquals("old\n", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void aWriterThatThrowsUncheckedAlsoCleansUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        AtomicFiles.writeString(file, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, temp -> {
            Files.writeString(temp, "new");
            throw new IllegalStateException("model is broken");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void theWriterGetsAnEmptyExistingFileInTheSameFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        AtomicFiles.write(file, temp -> {
            assertEquals(dir, temp.getParent());
            assertEquals(0, Files.size(temp));
            Files.write(temp, new byte[]{1, 2, 3});
        });
        assertEquals(3, Files.size(file));
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("gone/summary.json");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(file, "x"));
        assertEquals("cannot write " + file + ": no such file or folder", e.getMessage());
    }

    @Test
    void aReadOnlyFolderGivesAClearMessage(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Path file = runs.resolve("metrics.jsonl");
        AtomicFiles.writeString(file, "old");
        Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores permissions, and then there is nothing to test.
            assumeFalse(Files.isWritable(runs), "the folder is still writable (running as root?)");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(file, "new"));
            assertEquals("cannot write " + file + ": permission denied", e.getMessage());
            assertEquals("old", Files.readString(file));
        } finally {
            Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void reasonsAreWords() {
        assertEquals("permission denied", AtomicFiles.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("No space left on device",
                AtomicFiles.reason(new FileSystemException("/x", null, "No space left on device")));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
