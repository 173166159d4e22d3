package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void reportRenderWritesThePageFromTheMarkdownAndNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        CliTest.assertOneLineError(CliTest.cli("report", "--render", dir.toString()), dir.toString(), "report.md");
        Files.createDirectories(dir.resolve("charts"));
        Files.writeString(dir.resolve("charts/a.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
        Files.writeString(dir.resolve("report.md"), "# Report\n\n| a |\n|---|\n| 1 |\n\n![A](charts/a.svg)\n\n*A*\n");
        CliTest.Result r = CliTest.cli("report", "--render", dir.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("<td>1</td>") && page.contains("<svg xmlns"), page);
        CliTest.assertOneLineError(CliTest.cli("report", "--render", dir.toString(), "--from", dir.toString(),
                "--out", dir.toString()), "mutually exclusive");
    }

    @Test
    void protocolReportNamesABadRunArgumentOrFolder(@TempDir Path dir) {
        CliTest.assertOneLineError(CliTest.cli("report", "--run", "nolabel", "--out", dir.resolve("r").toString()),
                "LABEL=FOLDER");
        CliTest.assertOneLineError(CliTest.cli("report", "--run", "a=" + dir, "--out", dir.resolve("r").toString()),
                dir.toString(), "not a run folder");
        CliTest.assertOneLineError(CliTest.cli("report", "--run", "a=" + dir), "--out is required");
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

    @Test
    void reportPlacesForgetRunsSideBySideAndRefusesAMixWithLoopRuns(@TempDir Path dir) throws Exception {
        Path a = org.unlearnlab.engine.experiment.ForgetFolders.write(dir.resolve("a"),
                org.unlearnlab.engine.experiment.ForgetFolders.result("influence", false, null, 0.93));
        Path b = org.unlearnlab.engine.experiment.ForgetFolders.write(dir.resolve("b"),
                org.unlearnlab.engine.experiment.ForgetFolders.result("amun", false, null, 0.91));
        Path out = dir.resolve("r");
        CliTest.Result r = CliTest.cli("report", "--run", "infl=" + a, "--run", "amun=" + b, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("forgetting methods side by side") && md.contains("| amun | amun | 0.9100 |"), md);

        org.unlearnlab.engine.runs.RunFolder loop = org.unlearnlab.engine.runs.RunFolder.createAt(dir.resolve("loop"),
                org.unlearnlab.engine.config.ExperimentConfig.defaults());
        CliTest.assertOneLineError(CliTest.cli("report", "--run", "infl=" + a, "--run", "loop=" + loop.path(),
                "--out", dir.resolve("r2").toString()), "1 of the 2 folders are forget runs");
        assertFalse(Files.exists(dir.resolve("r2")));
    }
}
