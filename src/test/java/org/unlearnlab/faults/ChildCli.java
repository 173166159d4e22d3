package org.unlearnlab.faults;

import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command line in a child JVM (the test class path, main class org.unlearnlab.Launcher as in the jar),
 * for faults that need a real separate process: kill -9, and permissions that apply even to root.
 */
final class ChildCli {
    /** Root's permission overrides; without them a mode 555 folder is read-only for root too. */
    private static final List<String> WITHOUT_ROOT_OVERRIDES = List.of("setpriv", "--bounding-set",
            "-dac_override,-dac_read_search", "--inh-caps", "-all", "--");

    final Process process;
    final Path stdout;
    final Path stderr;

    private ChildCli(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean canDropRootOverrides() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "setpriv"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts {@code unlearnlab args...}, with stdout and stderr going to files in {@code logs}. When
     * {@code permissionsApply} and this is root, the child runs without root's permission overrides.
     */
    static ChildCli start(Path logs, boolean permissionsApply, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (permissionsApply && isRoot()) {
            cmd.addAll(WITHOUT_ROOT_OVERRIDES);
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx2g", "-cp", classPath(), "org.unlearnlab.Launcher"));
        cmd.addAll(List.of(args));
        Path out = logs.resolve("child-stdout.txt");
        Path err = logs.resolve("child-stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildCli(p, out, err);
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in this property. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** A lenet5 run far longer than any test waits for: 20 iterations of 20 removals on 500 images. */
    static ExperimentConfig longRun() {
        return TinyConfig.of("long", 500, 100, 20, 20, 2, 50, true);
    }

    static Path write(ExperimentConfig config, Path dir) throws IOException {
        Path file = dir.resolve(config.name() + ".json");
        ConfigFiles.write(config, file);
        return file;
    }

    /** Waits until the run's metrics.jsonl holds {@code rows} iteration rows; fails if the child ends first. */
    void awaitIterationRows(Path run, int rows, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path metrics = run.resolve(RunFolder.METRICS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the child ended (exit " + process.exitValue() + ") before " + rows + " iteration rows: "
                        + Files.readString(stderr));
            }
            if (Files.isRegularFile(metrics)
                    && Files.readAllLines(metrics).stream().filter(l -> l.contains("\"type\":\"iteration\"")).count() >= rows) {
                return;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        fail("no " + rows + " iteration rows within " + timeout + ": " + Files.readString(stderr));
    }

    /**
     * Waits for {@code rows} iteration rows in {@code run}, then a random 0-1.5 s more, and kills the child with
     * SIGKILL (on Linux: no shutdown hook, no finally block, no last write); asserts it ended with 137.
     *
     * @return when it was killed, for the assertion messages
     */
    String killNineAfterIterationRows(Path run, int rows) throws Exception {
        long delayMillis = java.util.concurrent.ThreadLocalRandom.current().nextLong(1500);
        String when = "killed " + delayMillis + " ms after iteration row " + rows;
        try {
            awaitIterationRows(run, rows, Duration.ofSeconds(240));
            Thread.sleep(delayMillis);
            process.destroyForcibly();
            org.junit.jupiter.api.Assertions.assertEquals(128 + 9, await(Duration.ofSeconds(20)), when);
        } finally {
            process.destroyForcibly();
        }
        return when;
    }

    /** Waits for the end; returns the exit code. */
    int await(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the child did not end within " + timeout + ": " + Files.readString(stderr));
        }
        return process.exitValue();
    }

    /** See {@link CliOutput#errorLine}: exit code, no stack trace, the error as the last line of stderr. */
    String assertErrorLine(int expectedCode, int code, String... fragments) throws IOException {
        return CliOutput.errorLine(expectedCode, code, Files.readString(stdout), Files.readString(stderr), fragments);
    }
}
