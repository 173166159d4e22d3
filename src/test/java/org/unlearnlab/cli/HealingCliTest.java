package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.experiment.HealingResult;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unlearnlab.cli.CliTest.assertOneLineError;
import static org.unlearnlab.cli.CliTest.cli;

/** run --config with a healing section: the study's table on stdout, the files in the run folder; bad input refused. */
class HealingCliTest {

    private static String config(String healing) {
        return "{\"name\": \"h\", \"data\": {\"trainLimit\": 400, \"testLimit\": 100},"
                + " \"forget\": {\"method\": \"retrain\", \"request\": {\"kind\": \"class\", \"classLabel\": 7,"
                + " \"count\": 3}}, \"healing\": " + healing + "}";
    }

    @Test
    void aHealingRunPrintsTheTableAndWritesItsFiles(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("h.json");
        Files.writeString(cfg, config("{\"spareSize\": 100, \"metrics\": [\"l2\"], \"epochs\": [1]}"));
        CliTest.Result r = cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| Best Acc (%) |"), r.out());
        assertTrue(r.out().contains("healed R+T-l2"), r.out());
        for (String f : new String[]{HealingResult.FILE, HealingResult.TABLE_CSV, HealingResult.TABLE_MARKDOWN,
                HealingResult.TWINS_CSV}) {
            assertTrue(Files.isRegularFile(dir.resolve("r").resolve(f)), f);
        }
    }

    @Test
    void sparesThatLeaveTooLittleToTrainOnAreRefusedBeforeARunExists(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("h.json");
        // With trainLimit 0 only the loaded data can tell: more than half of MNIST's 60,000 as spares.
        Files.writeString(cfg, config("{\"spareSize\": 30001}").replace("\"trainLimit\": 400", "\"trainLimit\": 0"));
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "healing.spareSize");
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void fractionsAreNotForAHealingRun(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("h.json");
        Files.writeString(cfg, config("{\"spareSize\": 100}"));
        assertOneLineError(cli("run", "--config", cfg.toString(), "--fractions", "0.1", "--out",
                dir.resolve("r").toString()), "--fractions", "healing");
        assertFalse(Files.exists(dir.resolve("r")));
    }
}
