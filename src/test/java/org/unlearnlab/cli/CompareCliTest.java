package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad input to diagnose, compare and report: one line naming what is wrong, exit 2, nothing written. */
class CompareCliTest {

    @Test
    void unknownStrategyIsNamed(@TempDir Path dir) {
        CliTest.assertOneLineError(CliTest.cli("compare", "--config", "sample-configs/classroom.json", "--out",
                dir.resolve("c").toString(), "--strategies", "loss-ranked,forgetful"), "forgetful", "--strategies");
        assertFalse(Files.exists(dir.resolve("c")));
    }

    @Test
    void aFolderThatIsNotAComparisonIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliTest.assertOneLineError(CliTest.cli("compare", "--config", "sample-configs/classroom.json", "--out", dir.toString()),
                dir.toString(), "already holds files");
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void reportFromAFolderWithoutAComparisonIsRefused(@TempDir Path dir) {
        CliTest.assertOneLineError(CliTest.cli("report", "--from", dir.toString(), "--out", dir.resolve("r").toString()),
                "comparison.json");
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void diagnoseNamesAMissingOrBrokenModel(@TempDir Path dir) throws Exception {
        CliTest.assertOneLineError(CliTest.cli("diagnose", "--model", dir.resolve("none.zip").toString()), "none.zip", "not found");
        Path broken = dir.resolve("broken.zip");
        Files.writeString(broken, "not a zip");
        CliTest.assertOneLineError(CliTest.cli("diagnose", "--model", broken.toString()), "broken.zip");
        CliTest.assertOneLineError(CliTest.cli("diagnose", "--model", broken.toString(), "--eps", "2"), "--eps");
    }
}
