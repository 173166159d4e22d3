package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.files.WriteFaults;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.runs.RunSummary;
import org.unlearnlab.faults.CliOutput;
import org.unlearnlab.faults.TinyConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #7, faults and bad input met through the command line, beyond the config cases of {@link CliTest}:
 * out-of-range values of other sections, broken data folders (missing, truncated IDX, label 11, images and
 * labels that do not pair up), model zips of the wrong architecture or damaged, and a disk that fills up
 * during a run. Each must end with its exit code and one line naming the file or field, never a stack trace.
 */
class CliFaultsTest {
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The only line on stderr, for failures before any work started. */
    private static String oneLine(CliTest.Result r, int code, String... fragments) {
        assertEquals(1, r.err().strip().lines().count(), "one line expected, got: " + r.err());
        return CliOutput.errorLine(code, r.code(), r.out(), r.err(), fragments);
    }

    /** A small lenet5 run; {@code folder} null means the bundled MNIST. */
    private static Path config(Path dir, String folder) throws IOException {
        ExperimentConfig tiny = TinyConfig.of("faults", 300, 100, 20, 3, 2, 50, false);
        ExperimentConfig cfg = tiny.withData(new ExperimentConfig.Data(folder, 300, 100));
        Path file = dir.resolve("faults.json");
        ConfigFiles.write(cfg, file);
        return file;
    }

    @Test
    void outOfRangeAndMistypedValuesOfEverySectionNameTheField(@TempDir Path dir) throws IOException {
        Map<String, String> cases = new TreeMap<>(Map.of(
                "{\"training\": {\"epochs\": 0}}", "training.epochs",
                "{\"training\": {\"batchSize\": -64}}", "training.batchSize",
                "{\"data\": {\"trainLimit\": 5}}", "data.trainLimit",
                "{\"unlearning\": {\"threshold\": 1.5}}", "unlearning.threshold",
                "{\"unlearning\": {\"samplesPerIteration\": 0}}", "unlearning.samplesPerIteration",
                "{\"attack\": {\"pgdSteps\": \"ten\"}}", "attack.pgdSteps",
                "{\"model\": {\"preset\": \"resnet\"}}", "model.preset"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path cfg = Files.writeString(dir.resolve("range.json"), c.getKey());
            Path out = dir.resolve("never");
            oneLine(CliTest.cli("run", "--config", cfg.toString(), "--out", out.toString()), 2, "range.json",
                    c.getValue());
            assertFalse(Files.exists(out), "no run folder for " + c.getKey());
        }
    }

    @Test
    void aMissingDataFolderIsNamedBeforeAnyRunFolder(@TempDir Path dir) throws IOException {
        Path nowhere = dir.resolve("no-such-data");
        Path out = dir.resolve("run");
        oneLine(CliTest.cli("run", "--config", config(dir, nowhere.toString()).toString(),
                "--out", out.toString()), 2, nowhere + ": folder not found");
        assertFalse(Files.exists(out), "no run folder for data that never loaded");
        oneLine(CliTest.cli("eval", "--model", bundledModel().toString(), "--data", nowhere.toString()), 2,
                nowhere + ": folder not found");
    }

    @Test
    void aTruncatedImageFileIsNamedWithWhatItHolds(@TempDir Path dir) throws IOException {
        Path data = mnistCopy(dir);
        byte[] images = Files.readAllBytes(data.resolve(TRAIN_IMAGES));
        Files.write(data.resolve(TRAIN_IMAGES), Arrays.copyOf(images, 16 + 784 * 1000 + 100));
        Path out = dir.resolve("run");
        oneLine(CliTest.cli("run", "--config", config(dir, data.toString()).toString(),
                "--out", out.toString()), 2, TRAIN_IMAGES + ": truncated: header promises 60000 images of 28x28, "
                + "file holds 1000 and a partial one (100 of 784 bytes)");
        assertFalse(Files.exists(out), "no run folder for data that never loaded");
    }

    @Test
    void labelElevenIsNamedWithItsIndex(@TempDir Path dir) throws IOException {
        Path data = mnistCopy(dir);
        byte[] labels = Files.readAllBytes(data.resolve(TEST_LABELS));
        labels[8 + 5] = 11;
        Files.write(data.resolve(TEST_LABELS), labels);
        Path out = dir.resolve("run");
        oneLine(CliTest.cli("run", "--config", config(dir, data.toString()).toString(),
                "--out", out.toString()), 2, TEST_LABELS + ": label 11 at index 5 outside 0..9");
        assertFalse(Files.exists(out), "no run folder for data that never loaded");
    }

    @Test
    void imagesAndLabelsThatDoNotPairUpAreNamed(@TempDir Path dir) throws IOException {
        Path data = mnistCopy(dir);
        byte[] labels = Files.readAllBytes(data.resolve(TEST_LABELS));
        byte[] fewer = Arrays.copyOf(labels, labels.length - 1);
        ByteBuffer.wrap(fewer).putInt(4, 9999);
        Files.write(data.resolve(TEST_LABELS), fewer);
        Path out = dir.resolve("run");
        oneLine(CliTest.cli("run", "--config", config(dir, data.toString()).toString(),
                "--out", out.toString()), 2, TEST_IMAGES + ": holds 10000 images but " + TEST_LABELS
                + " holds 9999 labels");
        assertFalse(Files.exists(out), "no run folder for data that never loaded");
    }

    @Test
    void aPaperCnnZipWhereLenet5IsExpectedIsRefusedBeforeAnyRunFolder(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("paper.zip");
        Classifier.create(ModelPreset.PAPER_CNN, 1e-3, 1).save(zip);
        Path out = dir.resolve("run");
        oneLine(CliTest.cli("run", "--config", config(dir, null).toString(), "--model", zip.toString(),
                "--out", out.toString()), 2, "paper.zip: architecture is ", "(paper-cnn)",
                "but the config asks for lenet5");
        assertFalse(Files.exists(out));
    }

    @Test
    void corruptModelZipsAreNamed(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(bundledModel());
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(good, good.length / 2));
        Path flipped = dir.resolve("flipped.zip");
        byte[] damaged = good.clone();
        for (int i = damaged.length / 3; i < damaged.length / 3 + 64; i++) {
            damaged[i] ^= (byte) 0x5A;
        }
        Files.write(flipped, damaged);
        Path notAModel = dir.resolve("photos.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(notAModel))) {
            z.putNextEntry(new ZipEntry("holiday.txt"));
            z.write("not a network".getBytes());
        }
        Path out = dir.resolve("run");
        for (Path zip : new Path[]{truncated, flipped, notAModel}) {
            String name = zip.getFileName().toString();
            oneLine(CliTest.cli("run", "--config", config(dir, null).toString(), "--model", zip.toString(),
                    "--out", out.toString()), 2, name + ": ");
            oneLine(CliTest.cli("eval", "--model", zip.toString(), "--limit", "10"), 2, name + ": ");
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aDiskFullFromTheStartLeavesNoHalfRun(@TempDir Path dir) throws IOException {
        assumeTrue(Files.exists(WriteFaults.DEV_FULL), "needs /dev/full");
        Path cfg = config(dir, null);
        Path out = dir.resolve("run");
        try (var full = WriteFaults.diskFullFrom(target -> true)) {
            oneLine(CliTest.cli("run", "--config", cfg.toString(), "--out", out.toString()), 1,
                    "cannot write " + out.resolve("config.json") + ": No space left on device");
        }
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(0, left.count(), "neither the config nor a temp file is left behind");
        }
    }

    /**
     * The disk fills up at the first write after the initial training and iteration 0 (removed.csv): the run
     * stops with exit 1 naming that file, and config.json, command.txt, metrics.jsonl (epoch and iteration 0 rows),
     * summary.json and model.zip are byte for byte what they were when the disk filled, and still read back.
     */
    @Test
    void aDiskFullMidRunKeepsEverythingSavedBefore(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(WriteFaults.DEV_FULL), "needs /dev/full");
        Path cfg = config(dir, null);
        Path out = dir.resolve("run");
        Map<String, byte[]> beforeFull = new TreeMap<>();
        CliTest.Result r;
        try (var full = WriteFaults.diskFullFrom(target -> {
            boolean fills = target.getFileName().toString().equals(RunFolder.REMOVED);
            if (fills && beforeFull.isEmpty()) {
                snapshot(out, beforeFull);
            }
            return fills;
        })) {
            r = CliTest.cli("run", "--config", cfg.toString(), "--out", out.toString());
        }
        // After the progress lines of training and iteration 0, the error.
        CliOutput.errorLine(1, r.code(), r.out(), r.err(), "cannot write " + out.resolve(RunFolder.REMOVED) + ": No space left on device");

        assertEquals(Set.of(RunFolder.CONFIG, RunFolder.COMMAND, RunFolder.METRICS, RunFolder.MODEL,
                RunFolder.SUMMARY, RunFolder.ITERATION_MODELS + "/iteration-00.zip"), beforeFull.keySet());
        Map<String, byte[]> after = new TreeMap<>();
        snapshot(out, after);
        assertEquals(beforeFull.keySet(), after.keySet(), "no removed.csv and no temp file appeared");
        for (String f : beforeFull.keySet()) {
            assertArrayEquals(beforeFull.get(f), after.get(f), f + " changed after the disk filled");
        }
        RunFolder run = RunFolder.open(out);
        assertEquals("faults", ConfigFiles.read(out.resolve(RunFolder.CONFIG)).name());
        assertEquals(1, run.readEpochs().size());
        assertEquals(0, run.readIterations().get(0).iteration());
        assertEquals(1, run.readIterations().size());
        assertEquals(0, run.readRemoved().size());
        RunSummary s = run.readSummary();
        // The failure could not be recorded either (the disk is full); this JVM still "runs" it, and once it
        // exits the run reads INCOMPLETE, like a killed one.
        assertEquals(RunStatus.RUNNING, s.status());
        assertEquals(0, s.lastIteration().iteration());
        assertEquals(ModelPreset.LENET5, Classifier.load(out.resolve(RunFolder.MODEL)).preset());
    }

    // ---------------------------------------------------------------------------------------------------------


    private static Path bundledModel() {
        return Path.of("assets/models/lenet5-mnist.zip");
    }

    /** The bundled MNIST, gunzipped into {@code dir}/mnist under the usual raw names, to damage. */
    private static Path mnistCopy(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("mnist"));
        for (String f : new String[]{TRAIN_IMAGES, "train-labels-idx1-ubyte", TEST_IMAGES, TEST_LABELS}) {
            try (InputStream in = new GZIPInputStream(
                    CliFaultsTest.class.getResourceAsStream("/unlearnlab/mnist/" + f + ".gz"))) {
                Files.copy(in, data.resolve(f));
            }
        }
        return data;
    }

    private static void snapshot(Path dir, Map<String, byte[]> into) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                into.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
