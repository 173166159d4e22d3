package org.unlearnlab.engine.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunFolderTest {
    static final Instant T0 = Instant.parse("2024-03-05T10:20:30Z");

    static ExperimentConfig config(String name) {
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig.Unlearning u = d.unlearning();
        return d.withName(name).withData(new ExperimentConfig.Data(null, 1000, 100))
                .withUnlearning(new ExperimentConfig.Unlearning(UnlearningStrategy.RANDOM, u.samplesPerIteration(),
                        u.maxIterations(), u.threshold(), u.thresholdMetric(), u.retrain(), u.retrainEpochs(),
                        u.poolSize()));
    }

    static IterationMetrics iteration(int i, int trainSize, int removed, boolean finalFullTest) {
        return new IterationMetrics(i, trainSize, removed, new CleanSummary(0.98, 0.06, 1000),
                new AttackSummary("fgsm-stable", 0.1, 0.41 + i / 100.0, 2.3, 3, 1000),
                new AttackSummary("fgsm-paper", 0.1, 0.52, Double.NaN, 0, 1000),
                new AttackSummary("pgd", 0.1, 0.05, Double.POSITIVE_INFINITY, 0, 1000),
                1000, 1234L * i, finalFullTest);
    }

    @Test
    void createWritesConfigAndARunningSummary(@TempDir Path root) throws IOException {
        RunFolder run = RunFolder.create(root.resolve("runs"), config("my run"), T0);

        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(T0);
        assertEquals(root.resolve("runs").resolve(stamp + "-my-run"), run.path());
        assertEquals(run.path().resolve("model.zip"), run.modelPath());
        assertEquals(config("my run"), run.readConfig());

        RunSummary s = run.readSummary();
        assertEquals(RunStatus.RUNNING, s.status());
        assertEquals(ProcessHandle.current().pid(), s.pid());
        assertEquals(T0, s.started());
        assertNull(s.finished());
        assertEquals("my run", s.name());
        assertEquals("random", s.strategy());
        assertEquals("lenet5", s.modelPreset());
        assertEquals("bundled MNIST", s.datasetSource());
        assertEquals(1000, s.trainSizeLeft());
        assertNotNull(s.unlearnlabVersion());
        assertEquals(List.of(), run.readEpochs());
        assertEquals(List.of(), run.readIterations());
        assertEquals(List.of(), run.readRemoved());
    }

    @Test
    void aTakenNameGetsASuffix(@TempDir Path root) throws IOException {
        Path first = RunFolder.create(root, config("a"), T0).path();
        Path second = RunFolder.create(root, config("a"), T0).path();
        Path third = RunFolder.create(root, config("a"), T0).path();
        assertEquals(first.getFileName() + "-2", second.getFileName().toString());
        assertEquals(first.getFileName() + "-3", third.getFileName().toString());
    }

    @Test
    void folderNamesAreSafe() {
        assertEquals("paper-v2", RunFolder.folderName("paper v2"));
        assertEquals("a_b_c", RunFolder.folderName("a/b\\c"));
        assertEquals("hidden", RunFolder.folderName("..hidden."));
        assertEquals("run", RunFolder.folderName(".."));
        assertEquals("run", RunFolder.folderName(null));
        assertEquals(60, RunFolder.folderName("x".repeat(200)).length());
    }

    @Test
    void appendedRecordsReadBackEqual(@TempDir Path root) throws IOException {
        RunFolder run = RunFolder.create(root, config("rt"), T0);
        List<EpochMetrics> epochs = List.of(
                new EpochMetrics("initial", 0, 1, 0.31, 0.95, 0.17, 1000, 4000),
                new EpochMetrics("iteration 1", 1, 1, Double.NaN, 0.96, 0.15, 900, 3500));
        List<IterationMetrics> iterations = List.of(iteration(0, 1000, 0, false), iteration(1, 900, 100, false));
        List<RemovedSample> removed = List.of(new RemovedSample(17, 3, 5, 12.75, 1),
                new RemovedSample(4, 9, 4, 1.0E-7, 1), new RemovedSample(59999, 0, 6, Double.NaN, 2));

        run.appendEpoch(epochs.get(0));
        run.appendIteration(iterations.get(0));
        run.appendEpoch(epochs.get(1));
        run.appendRemoved(removed.subList(0, 2));
        run.appendRemoved(List.of());
        run.appendRemoved(removed.subList(2, 3));
        run.appendIteration(iterations.get(1));

        // A fresh object reads the disk, not the writer's memory.
        RunFolder reader = RunFolder.open(run.path());
        assertEquals(epochs, reader.readEpochs());
        assertEquals(iterations, reader.readIterations());
        assertEquals(removed, reader.readRemoved());

        List<String> csv = Files.readAllLines(run.path().resolve("removed.csv"));
        assertEquals("dataset_index,label,adversarial_prediction,loss,iteration", csv.get(0));
        assertEquals("17,3,5,12.75,1", csv.get(1));
        List<String> jsonl = Files.readAllLines(run.path().resolve("metrics.jsonl"));
        assertEquals(4, jsonl.size());
        assertTrue(jsonl.get(0).startsWith("{\"type\":\"epoch\",\"phase\":\"initial\","), jsonl.get(0));
        assertTrue(jsonl.get(1).startsWith("{\"type\":\"iteration\",\"iteration\":0,"), jsonl.get(1));
    }

    @Test
    void appendIterationKeepsTheSummaryCurrent(@TempDir Path root) throws IOException {
        RunFolder run = RunFolder.create(root, config("s"), T0);
        run.appendIteration(iteration(0, 1000, 0, false));
        run.appendIteration(iteration(3, 700, 300, false));
        run.appendIteration(iteration(3, 700, 300, true));

        RunSummary s = run.readSummary();
        assertEquals(3, s.iterationsDone());
        assertEquals(700, s.trainSizeLeft());
        assertEquals(300, s.removedTotal());
        assertEquals(iteration(3, 700, 300, true), s.lastIteration());
        assertEquals(RunStatus.RUNNING, s.status());
    }

    @Test
    void appendingToAnOpenedRunKeepsWhatWasThere(@TempDir Path root) throws IOException {
        RunFolder first = RunFolder.create(root, config("resume"), T0);
        first.appendEpoch(new EpochMetrics("initial", 0, 1, 0.3, 0.9, 0.2, 1000, 10));
        first.appendRemoved(List.of(new RemovedSample(1, 2, 3, 4.5, 1)));

        RunFolder again = RunFolder.open(first.path());
        again.appendEpoch(new EpochMetrics("initial", 0, 2, 0.2, 0.92, 0.18, 1000, 10));
        again.appendRemoved(List.of(new RemovedSample(6, 7, 8, 9.5, 2)));

        assertEquals(2, again.readEpochs().size());
        assertEquals(List.of(new RemovedSample(1, 2, 3, 4.5, 1), new RemovedSample(6, 7, 8, 9.5, 2)),
                again.readRemoved());
    }

    @Test
    void finishRecordsStatusTimeAndMessage(@TempDir Path root) throws IOException {
        RunFolder run = RunFolder.create(root, config("f"), T0);
        run.finish(RunStatus.FAILED, "out of memory");
        RunSummary s = RunFolder.open(run.path()).readSummary();
        assertEquals(RunStatus.FAILED, s.status());
        assertEquals("out of memory", s.message());
        assertNotNull(s.finished());
        assertFalse(s.finished().isBefore(T0));
        assertThrows(IllegalArgumentException.class, () -> run.finish(RunStatus.RUNNING, null));
    }

    @Test
    void updateSummaryIsWhatReadSummaryReturns(@TempDir Path root) throws IOException {
        RunFolder run = RunFolder.create(root, config("u"), T0);
        RunSummary updated = run.summary().withDatasetSource("/data/mnist").withStatus(RunStatus.CANCELLED,
                T0.plusSeconds(90), "cancelled by the user");
        run.updateSummary(updated);
        assertEquals(updated, run.readSummary());
        assertTrue(Files.readString(run.path().resolve("summary.json")).contains("\"started\" : \"2024-03-05T10:20:30Z\""));
    }

    @Test
    void aRunningSummaryOfADeadProcessReadsIncomplete(@TempDir Path root) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assumeTrue(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false) == false);

        RunFolder run = RunFolder.create(root, config("dead"), T0);
        run.updateSummary(withPid(run.summary(), p.pid()));
        assertEquals(RunStatus.INCOMPLETE, run.readSummary().status());

        run.finish(RunStatus.COMPLETE, null);
        assertEquals(RunStatus.COMPLETE, run.readSummary().status(), "only RUNNING turns INCOMPLETE");
    }

    @Test
    void aPidReusedByALaterProcessReadsIncomplete(@TempDir Path root) throws IOException {
        // The parent process is alive and started before this test's run; pretend the run is older still.
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        assumeTrue(parent != null && parent.isAlive());
        Optional<Instant> parentStart = parent.info().startInstant();
        assumeTrue(parentStart.isPresent());

        RunFolder run = RunFolder.create(root, config("reused"), parentStart.get().minusSeconds(3600));
        run.updateSummary(withPid(run.summary(), parent.pid()));
        assertEquals(RunStatus.INCOMPLETE, run.readSummary().status());

        RunFolder live = RunFolder.create(root, config("live"), Instant.now());
        live.updateSummary(withPid(live.summary(), parent.pid()));
        assertEquals(RunStatus.RUNNING, live.readSummary().status());
    }

    @Test
    void aCorruptLineIsReportedWithFileAndLine(@TempDir Path root) throws IOException {
        RunFolder run = RunFolder.create(root, config("c"), T0);
        run.appendEpoch(new EpochMetrics("initial", 0, 1, 0.3, 0.9, 0.2, 1000, 10));
        Path metrics = run.path().resolve("metrics.jsonl");
        Files.writeString(metrics, Files.readString(metrics) + "{\"type\":\"epoch\",\"phase\":\n");

        IOException e = assertThrows(IOException.class, run::readEpochs);
        assertTrue(e.getMessage().startsWith(metrics + " line 2: "), e.getMessage());

        Files.writeString(metrics, "{\"type\":\"log\"}\n");
        e = assertThrows(IOException.class, run::readIterations);
        assertEquals(metrics + " line 1: unknown record type \"log\"", e.getMessage());

        Path removed = run.path().resolve("removed.csv");
        Files.writeString(removed, RemovedSamplesCsv.HEADER + "\n1,2,3,4.0,1\n1,2,x,4.0,1\n");
        e = assertThrows(IOException.class, run::readRemoved);
        assertTrue(e.getMessage().startsWith(removed + " line 3: "), e.getMessage());

        Files.writeString(removed, RemovedSamplesCsv.HEADER + "\n1,2,3\n");
        e = assertThrows(IOException.class, run::readRemoved);
        assertEquals(removed + " line 2: expected 5 values, found 3", e.getMessage());
    }

    @Test
    void openRefusesFoldersThatAreNotRuns(@TempDir Path root) throws IOException {
        Path plain = Files.createDirectory(root.resolve("photos"));
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(plain));
        assertEquals(plain + " is not a run folder (it has no summary.json)", e.getMessage());

        e = assertThrows(IOException.class, () -> RunFolder.open(root.resolve("missing")));
        assertTrue(e.getMessage().contains("is not a run folder (not found)"), e.getMessage());

        Files.writeString(plain.resolve("summary.json"), "{\"name\": \"x\"}");
        e = assertThrows(IOException.class, () -> RunFolder.open(plain));
        assertTrue(e.getMessage().startsWith(plain.resolve("summary.json") + ": not a valid run summary"),
                e.getMessage());

        Files.writeString(plain.resolve("summary.json"), "{\"status\": \"paused\", \"started\": \"2024-01-01T00:00:00Z\"}");
        e = assertThrows(IOException.class, () -> RunFolder.open(plain));
        assertTrue(e.getMessage().contains("not a valid run summary"), e.getMessage());
    }

    @Test
    void createFailsCleanlyWhenTheRootIsAFile(@TempDir Path root) throws IOException {
        Path file = Files.writeString(root.resolve("runs"), "not a folder");
        IOException e = assertThrows(IOException.class, () -> RunFolder.create(file, config("x")));
        assertTrue(e.getMessage().startsWith("cannot create runs folder " + file + ": "), e.getMessage());
    }

    @Test
    void createAtUsesTheGivenFolderOnlyIfItIsEmpty(@TempDir Path root) throws IOException {
        Path out = root.resolve("out/run1");
        RunFolder run = RunFolder.createAt(out, config("cli"));
        assertEquals(out, run.path());
        assertEquals(RunStatus.RUNNING, RunFolder.open(out).readSummary().status());

        IOException e = assertThrows(IOException.class, () -> RunFolder.createAt(out, config("cli")));
        assertEquals("cannot create run folder " + out + ": it already holds files", e.getMessage());

        Path file = Files.writeString(root.resolve("file"), "x");
        e = assertThrows(IOException.class, () -> RunFolder.createAt(file, config("cli")));
        assertTrue(e.getMessage().startsWith("cannot create run folder " + file + ": "), e.getMessage());
    }

    static RunSummary withPid(RunSummary s, long pid) {
        return new RunSummary(s.name(), s.status(), s.started(), s.finished(), s.strategy(), s.modelPreset(),
                s.datasetSource(), s.iterationsDone(), s.trainSizeLeft(), s.removedTotal(), s.lastIteration(),
                s.message(), pid, s.unlearnlabVersion());
    }
}
