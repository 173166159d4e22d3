package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.unlearnlab.cli.CliTest.assertOneLineError;
import static org.unlearnlab.cli.CliTest.cli;

/** Forget requests that cannot be answered: one line, exit 2, and no run folder left behind. */
class ForgetCliTest {

    private static String config(String request) {
        return "{\"name\": \"f\", \"data\": {\"trainLimit\": 500, \"testLimit\": 100},"
                + " \"forget\": {\"method\": \"retrain\", \"request\": " + request + "}}";
    }

    /** A config whose request is the file {@code indices}, written with {@code lines}; returns the config. */
    private static Path indicesRequest(Path dir, Path indices, String lines) throws Exception {
        Files.writeString(indices, lines);
        Path cfg = dir.resolve("f.json");
        Files.writeString(cfg, config("{\"kind\": \"indices\", \"indicesFile\": \""
                + indices.toString().replace("\\", "\\\\") + "\"}"));
        return cfg;
    }

    @Test
    void aBadIndicesFileNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path indices = dir.resolve("forget.txt");
        Path cfg = indicesRequest(dir, indices, "1\n2\nthree\n");
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "forget.txt line 3", "'three' is not a training index");
        assertFalse(Files.exists(dir.resolve("r")));
        Files.writeString(indices, "1\n500\n");
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "forget.txt line 2", "index 500 is out of range");
    }

    @Test
    void moreSamplesOfAClassThanExistIsRefused(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("f.json");
        Files.writeString(cfg, config("{\"kind\": \"class\", \"classLabel\": 7, \"count\": 400}"));
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "forget.request.count", "class 7");
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void aRequestOnlyOfUnseenImagesOrBeyondTheBudgetIsRefused(@TempDir Path dir) throws Exception {
        // Test images 1 and 2 of the bundled MNIST are not training images.
        Path cfg = indicesRequest(dir, dir.resolve("guess.txt"), "test:1\ntest:2\ntest:1\n");
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "the request guard refused all 3 requested samples", "0 accepted, 2 refused (unseen), 1 refused"
                        + " (duplicate)");
        assertFalse(Files.exists(dir.resolve("r")));
        Files.writeString(cfg, config("{\"kind\": \"worst-case\", \"adversary\": {\"budget\": 30,"
                + " \"system\": \"output-aware\", \"trainingSet\": \"selected\", \"pool\": 20}}"));
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "forget.request.adversary.budget", "can name only 20");
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void anAuditNeedsAFinishedRunWithAForgetSet(@TempDir Path dir) throws Exception {
        assertOneLineError(cli("audit", "--run", dir.resolve("nothing").toString()), "not a run folder");
    }
}
