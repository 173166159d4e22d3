package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, one-line errors, and a real (tiny) run on disk. */
class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = UnlearnLabCli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static void assertOneLineError(Result r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line expected, got: " + r.err());
        assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace: " + line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "'" + f + "' missing from: " + line);
        }
    }

    @Test
    void outOfRangeValueNamesTheFieldAndExitsWith2(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.json");
        Files.writeString(cfg, "{\"attack\": {\"epsilon\": 1.5}}");
        assertOneLineError(cli("run", "--config", cfg.toString(), "--out", dir.resolve("r").toString()),
                "bad.json", "attack.epsilon");
        assertFalse(Files.exists(dir.resolve("r")), "no run folder for a config that never ran");
    }

    @Test
    void malformedJsonUnknownFieldAndMissingFileExitWith2(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\",, }");
        assertOneLineError(cli("run", "--config", broken.toString()), "broken.json");
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"attak\": {}}");
        assertOneLineError(cli("run", "--config", unknown.toString()), "unknown.json", "attak");
        assertOneLineError(cli("run", "--config", dir.resolve("nope.json").toString()), "nope.json");
        assertOneLineError(cli("run"), "--config");
        assertOneLineError(cli("eval", "--model", dir.resolve("none.zip").toString()), "none.zip");
    }

    @Test
    void brokenModelFileExitsWith2(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("model.zip");
        Files.write(zip, new byte[]{'P', 'K', 3, 4, 0, 0});
        assertOneLineError(cli("eval", "--model", zip.toString(), "--limit", "10"), "model.zip");
    }

    /** A config that runs in seconds: 600 training images, one epoch, two iterations removing 20 each. */
    static Path tinyConfig(Path dir) throws java.io.IOException {
        Path cfg = dir.resolve("tiny.json");
        Files.writeString(cfg, """
                {"name": "tiny", "data": {"trainLimit": 600, "testLimit": 100},
                 "training": {"epochs": 1, "batchSize": 64, "seed": 3},
                 "attack": {"pgdSteps": 2, "pgdStepSize": 0.05},
                 "unlearning": {"samplesPerIteration": 20, "maxIterations": 2, "threshold": 1.0, "poolSize": 200},
                 "evaluation": {"iterationSubset": 50, "finalFullTest": true}}
                """);
        return cfg;
    }

    @Test
    void tinyRunWritesEveryFileAndMarksTheRunComplete(@TempDir Path dir) throws Exception {
        Path cfg = tinyConfig(dir);
        Path out = dir.resolve("runs").resolve("demo");
        Result r = cli("run", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fgsm-stable"), r.out());
        for (String f : new String[]{"config.json", "metrics.jsonl", "removed.csv", "model.zip", "summary.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        RunFolder run = RunFolder.open(out);
        assertEquals(RunStatus.COMPLETE, run.readSummary().status());
        assertEquals(40, run.readRemoved().size());
        assertEquals(4, run.readIterations().size());
        assertEquals(3, run.readEpochs().size());
        assertEquals("java -jar target/unlearnlab.jar run --config " + cfg + " --out " + out,
                run.readCommand().orElseThrow(), "the command a report reproduces");

        Result again = cli("run", "--config", cfg.toString(), "--out", out.toString());
        assertOneLineError(again, "already holds files");

        Result eval = cli("eval", "--model", out.resolve("model.zip").toString(), "--limit", "50", "--eps", "0,0.2", "--json");
        assertEquals(0, eval.code(), eval.err());
        assertEquals(5, eval.out().strip().lines().count(), eval.out());
    }
}
