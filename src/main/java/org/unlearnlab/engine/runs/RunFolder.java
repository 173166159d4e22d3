package org.unlearnlab.engine.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.LoopState;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One run on disk: config.json, metrics.jsonl, removed.csv ({@link RemovedSamplesCsv}), model.zip and summary.json
 * in one folder.
 *
 * <p>Every write replaces its file atomically ({@link AtomicFiles}); metrics.jsonl and removed.csv are kept in
 * memory and rewritten whole, which is cheap at their size (thousands of lines) and means a kill -9 at any
 * moment leaves the previous complete file rather than a torn last line. Readers always read the disk, so a
 * GUI can follow a run written by another process.
 *
 * <p>Writers are synchronized; one process should write a run folder at a time.
 */
public final class RunFolder {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String REMOVED = "removed.csv";
    public static final String MODEL = "model.zip";
    /** The folder of {@link #iterationModelPath} models. */
    public static final String ITERATION_MODELS = "models";
    public static final String SUMMARY = "summary.json";
    /** The command line that started the run, when a command line did; reports print it under "Reproduce". */
    public static final String COMMAND = "command.txt";
    /** A backdoor run's result: the figures of the backdoored model, SAU and each baseline. */
    public static final String BACKDOOR_RESULT = "backdoor.json";
    /** A backdoor run's rows: one per pass of SAU and of fine-tuning. */
    public static final String BACKDOOR_STEPS = "backdoor-steps.csv";
    /** The entry of model.zip that holds the {@link RunCheckpoint}; DL4J ignores entries it does not know. */
    public static final String RESUME_ENTRY = "unlearnlab-resume.json";

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());
    private static final int MAX_NAME_IN_FOLDER = 60;
    /** A process that started this much later than the run cannot be the one running it: its pid was reused. */
    private static final Duration PID_REUSE_SLACK = Duration.ofSeconds(2);

    static final ObjectMapper JSON = JsonMapper.builder()
            // Runs outlive versions: a field added by a later UnlearnLab must not make older runs unreadable.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Path dir;
    private RunSummary summary;
    /** Lazily loaded from disk, so that opening a folder to read it costs nothing. */
    private List<String> metricsLines;
    private StringBuilder removedCsv;

    private RunFolder(Path dir, RunSummary summary, boolean fresh) {
        this.dir = dir;
        this.summary = summary;
        if (fresh) {
            metricsLines = new ArrayList<>();
            removedCsv = new StringBuilder(RemovedSamplesCsv.HEADER).append('\n');
        }
    }

    /**
     * Creates {@code <yyyyMMdd-HHmmss>-<name>} (with -2, -3, ... if taken) under {@code runsRoot}, and writes
     * config.json and a RUNNING summary.json carrying this process's pid.
     */
    public static RunFolder create(Path runsRoot, ExperimentConfig config) throws IOException {
        return create(runsRoot, config, Instant.now());
    }

    static RunFolder create(Path runsRoot, ExperimentConfig config, Instant now) throws IOException {
        try {
            Files.createDirectories(runsRoot);
        } catch (IOException e) {
            throw new IOException("cannot create runs folder " + runsRoot + ": " + AtomicFiles.reason(e), e);
        }
        String base = FOLDER_TIME.format(now) + "-" + folderName(config.name());
        Path dir = null;
        for (int n = 1; dir == null; n++) {
            Path candidate = runsRoot.resolve(n == 1 ? base : base + "-" + n);
            try {
                // createDirectory fails if the folder exists, so two processes never share one.
                dir = Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw new IOException("cannot create run folder " + candidate + ": too many runs named " + base);
                }
            } catch (IOException e) {
                throw new IOException("cannot create run folder " + candidate + ": " + AtomicFiles.reason(e), e);
            }
        }
        return initialize(dir, config, now, true);
    }

    /**
     * Makes {@code dir} a run folder (the command line's --out): it is created if missing and must be empty.
     */
    public static RunFolder createAt(Path dir, ExperimentConfig config) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create run folder " + dir + ": " + AtomicFiles.reason(e), e);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("cannot create run folder " + dir + ": it already holds files");
            }
        }
        return initialize(dir, config, Instant.now(), false);
    }

    private static RunFolder initialize(Path dir, ExperimentConfig config, Instant now, boolean ownsDir)
            throws IOException {
        RunFolder run = new RunFolder(dir, RunSummary.starting(config, now, ProcessHandle.current().pid(),
                version()), true);
        try {
            AtomicFiles.writeString(dir.resolve(CONFIG), ConfigFiles.toJson(config));
            run.writeSummary();
        } catch (IOException e) {
            // Without its summary the folder would be junk that RunStore.list() skips forever.
            if (ownsDir) {
                deleteQuietly(dir);
            } else {
                deleteQuietly(dir.resolve(CONFIG));
            }
            throw e;
        }
        return run;
    }

    /** @throws IOException if {@code dir} is not a run folder or its summary cannot be read */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a run folder (" + (Files.exists(dir) ? "not a folder" : "not found")
                    + ")");
        }
        if (!Files.isRegularFile(dir.resolve(SUMMARY))) {
            throw new IOException(dir + " is not a run folder (it has no " + SUMMARY + ")");
        }
        RunFolder run = new RunFolder(dir, null, false);
        run.summary = run.readRawSummary();
        return run;
    }

    public Path path() {
        return dir;
    }

    /** Where the final model goes; write it with {@link #writeModel} so that a crash cannot leave half a zip. */
    public Path modelPath() {
        return dir.resolve(MODEL);
    }

    /** Replaces model.zip atomically with what {@code writer} writes to the temp file it is given. */
    public void writeModel(AtomicFiles.IoWriter writer) throws IOException {
        AtomicFiles.write(modelPath(), writer);
    }

    /**
     * Replaces model.zip atomically with the model {@code writer} writes plus the resume state: {@code loop} and
     * how many metrics lines and removed samples the folder holds now. Call it after the rows of a finished
     * iteration are written, so that the one rename commits that iteration.
     */
    public synchronized void writeCheckpoint(AtomicFiles.IoWriter writer, LoopState loop) throws IOException {
        loadMetrics();
        RunCheckpoint checkpoint = new RunCheckpoint(RunCheckpoint.FORMAT, loop, metricsLines.size(), removedRows());
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(checkpoint);
        AtomicFiles.write(modelPath(), temp -> {
            writer.writeTo(temp);
            addZipEntry(temp, RESUME_ENTRY, json);
        });
        // model.zip only ever holds the last iteration; attacks too slow to run inside the loop (C&W) and the
        // attack lab need the model of every iteration, so each checkpoint is also kept under its number.
        // (The checkpoint taken after the initial training, before iteration 0 is evaluated, is iteration -1: the
        // same model as iteration 0, which is kept once evaluated.)
        if (loop.iteration() >= 0) {
            Path kept = iterationModelPath(loop.iteration());
            Files.createDirectories(kept.getParent());
            AtomicFiles.write(kept, temp -> Files.copy(modelPath(), temp, StandardCopyOption.REPLACE_EXISTING));
        }
    }

    /** The model as it was after {@code iteration} (0 = before unlearning), kept by {@link #writeCheckpoint}. */
    public Path iterationModelPath(int iteration) {
        return dir.resolve(ITERATION_MODELS).resolve(String.format("iteration-%02d.zip", iteration));
    }

    /**
     * The resume state in model.zip, or null when there is none: no model.zip yet (the run stopped during its first
     * training), or one written before runs could be resumed.
     *
     * @throws IOException when model.zip cannot be read or its resume entry is not a resume state
     */
    public RunCheckpoint readCheckpoint() throws IOException {
        Path zip = modelPath();
        if (!Files.isRegularFile(zip)) {
            return null;
        }
        byte[] json;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(RESUME_ENTRY);
            if (e == null) {
                return null;
            }
            try (InputStream in = z.getInputStream(e)) {
                json = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IOException("cannot read " + zip + ": " + AtomicFiles.reason(e), e);
        }
        RunCheckpoint c;
        try {
            c = JSON.readValue(json, RunCheckpoint.class);
        } catch (JacksonException e) {
            throw new IOException(zip + ": " + RESUME_ENTRY + " is not a resume state ("
                    + firstLine(e.getOriginalMessage()) + ")", e);
        }
        if (c == null || c.loop() == null || c.format() != RunCheckpoint.FORMAT) {
            throw new IOException(zip + ": " + RESUME_ENTRY + " is not a resume state of format "
                    + RunCheckpoint.FORMAT);
        }
        return c;
    }

    /**
     * Drops what an unfinished iteration wrote after {@code checkpoint}: metrics lines and removed samples beyond
     * its counts (each file rewritten atomically, and only if it holds more). Repeating it is harmless.
     *
     * @throws IOException when the files hold fewer rows than the checkpoint counts (they were edited or lost)
     */
    public synchronized void rollBackTo(RunCheckpoint checkpoint) throws IOException {
        loadMetrics();
        loadRemoved();
        int rows = removedRows();
        if (metricsLines.size() < checkpoint.metricsLines() || rows < checkpoint.removedRows()) {
            throw new IOException(dir + ": " + METRICS + " (" + metricsLines.size() + " lines) or " + REMOVED + " ("
                    + rows + " samples) holds less than its resume state counts (" + checkpoint.metricsLines()
                    + " and " + checkpoint.removedRows() + ")");
        }
        if (metricsLines.size() > checkpoint.metricsLines()) {
            List<String> kept = new ArrayList<>(metricsLines.subList(0, checkpoint.metricsLines()));
            AtomicFiles.writeString(dir.resolve(METRICS), kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
            metricsLines = kept;
        }
        if (rows > checkpoint.removedRows()) {
            String[] lines = removedCsv.toString().split("\n");
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i <= checkpoint.removedRows(); i++) {
                kept.append(lines[i]).append('\n');
            }
            AtomicFiles.writeString(dir.resolve(REMOVED), kept.toString());
            removedCsv = kept;
        }
    }

    /** Samples in removed.csv as this object holds it (its lines less the header). */
    private int removedRows() throws IOException {
        loadRemoved();
        int lines = 0;
        for (int i = 0; i < removedCsv.length(); i++) {
            if (removedCsv.charAt(i) == '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 1);
    }

    /** Rewrites {@code zip} with one more entry; DL4J's zip is a few MB at most, so memory is the simple way. */
    private static void addZipEntry(Path zip, String name, byte[] content) throws IOException {
        byte[] original = Files.readAllBytes(zip);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
    }

    /** Records the command line that started this run ({@link #COMMAND}). */
    public void writeCommand(String line) throws IOException {
        AtomicFiles.writeString(dir.resolve(COMMAND), line + "\n");
    }

    /** The command line that started this run, or empty when the app (or a version before this file) did. */
    public java.util.Optional<String> readCommand() throws IOException {
        Path file = dir.resolve(COMMAND);
        return Files.isRegularFile(file) ? java.util.Optional.of(Files.readString(file).strip())
                : java.util.Optional.empty();
    }

    /** Writes {@code name} (a model zip of a backdoor run, e.g. backdoored.zip) atomically. */
    public void writeNamedModel(String name, AtomicFiles.IoWriter writer) throws IOException {
        AtomicFiles.write(dir.resolve(name), writer);
    }

    /** Replaces backdoor.json with {@code result} as JSON. */
    public void writeBackdoorResult(Object result) throws IOException {
        AtomicFiles.writeString(dir.resolve(BACKDOOR_RESULT),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    }

    /** Appends one line to backdoor-steps.csv, writing {@code header} first when the file is new. */
    public synchronized void appendBackdoorStep(String header, String line) throws IOException {
        Path file = dir.resolve(BACKDOOR_STEPS);
        String before = Files.isRegularFile(file) ? Files.readString(file) : header + "\n";
        AtomicFiles.writeString(file, before + line + "\n");
    }

    public synchronized void appendEpoch(EpochMetrics m) throws IOException {
        appendMetric("epoch", m);
    }

    /** Also brings the summary's progress counters and last evaluation up to date. */
    public synchronized void appendIteration(IterationMetrics m) throws IOException {
        appendMetric("iteration", m);
        updateSummary(summary.withProgress(m));
    }

    public synchronized void appendRemoved(List<RemovedSample> removed) throws IOException {
        loadRemoved();
        int before = removedCsv.length();
        for (RemovedSample s : removed) {
            removedCsv.append(RemovedSamplesCsv.formatLine(s)).append('\n');
        }
        try {
            AtomicFiles.writeString(dir.resolve(REMOVED), removedCsv.toString());
        } catch (IOException e) {
            // Keep memory equal to the disk, so a retry does not write the rows twice.
            removedCsv.setLength(before);
            throw e;
        }
    }

    /** The summary as this object last wrote or read it (the process status is not re-derived). */
    public synchronized RunSummary summary() {
        return summary;
    }

    public synchronized void updateSummary(RunSummary newSummary) throws IOException {
        RunSummary old = summary;
        summary = newSummary;
        try {
            writeSummary();
        } catch (IOException e) {
            summary = old;
            throw e;
        }
    }

    /**
     * Records the end of the run.
     *
     * @param status  COMPLETE, CANCELLED or FAILED
     * @param message why it failed or was cancelled; may be null
     */
    public synchronized void finish(RunStatus status, String message) throws IOException {
        if (status == RunStatus.RUNNING || status == RunStatus.INCOMPLETE) {
            throw new IllegalArgumentException("a run cannot finish as " + status);
        }
        updateSummary(summary.withStatus(status, Instant.now(), message));
    }

    public ExperimentConfig readConfig() throws IOException {
        try {
            return ConfigFiles.read(dir.resolve(CONFIG));
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public List<EpochMetrics> readEpochs() throws IOException {
        return readMetrics("epoch", EpochMetrics.class);
    }

    public List<IterationMetrics> readIterations() throws IOException {
        return readMetrics("iteration", IterationMetrics.class);
    }

    public List<RemovedSample> readRemoved() throws IOException {
        Path file = dir.resolve(REMOVED);
        return RemovedSamplesCsv.parse(readLinesIfExists(file), file);
    }

    /**
     * Reads summary.json; a RUNNING run whose process is gone reads as {@link RunStatus#INCOMPLETE}.
     */
    public RunSummary readSummary() throws IOException {
        RunSummary s = readRawSummary();
        if (s.status() == RunStatus.RUNNING && !isRunning(s)) {
            return s.withStatus(RunStatus.INCOMPLETE, s.finished(), s.message());
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * One line of metrics.jsonl: {@code {"type": type, ...the record's fields}}. The CLI's {@code run --json} prints
     * the same lines, so one reader serves both.
     */
    public static String metricLine(String type, Record metrics) {
        ObjectNode line = JSON.createObjectNode().put("type", type);
        line.setAll((ObjectNode) JSON.valueToTree(metrics));
        try {
            return JSON.writeValueAsString(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("metrics of " + type + " do not serialise", e);
        }
    }

    private void appendMetric(String type, Record metrics) throws IOException {
        loadMetrics();
        metricsLines.add(metricLine(type, metrics));
        try {
            AtomicFiles.writeString(dir.resolve(METRICS), String.join("\n", metricsLines) + "\n");
        } catch (IOException e) {
            metricsLines.remove(metricsLines.size() - 1);
            throw e;
        }
    }

    private void loadMetrics() throws IOException {
        if (metricsLines == null) {
            metricsLines = new ArrayList<>(readLinesIfExists(dir.resolve(METRICS)));
        }
    }

    private void loadRemoved() throws IOException {
        if (removedCsv == null) {
            List<String> lines = readLinesIfExists(dir.resolve(REMOVED));
            removedCsv = new StringBuilder();
            if (lines.isEmpty()) {
                removedCsv.append(RemovedSamplesCsv.HEADER).append('\n');
            }
            for (String l : lines) {
                removedCsv.append(l).append('\n');
            }
        }
    }

    private void writeSummary() throws IOException {
        AtomicFiles.writeString(dir.resolve(SUMMARY),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
    }

    private RunSummary readRawSummary() throws IOException {
        Path file = dir.resolve(SUMMARY);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a run folder (it has no " + SUMMARY + ")", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
        }
        RunSummary s;
        try {
            s = JSON.readValue(text, RunSummary.class);
        } catch (JacksonException e) {
            throw new IOException(file + ": not a valid run summary (" + firstLine(e.getOriginalMessage()) + ")", e);
        }
        if (s == null || s.status() == null || s.started() == null) {
            throw new IOException(file + ": not a valid run summary (no status or start time)");
        }
        return s;
    }

    private <T> List<T> readMetrics(String type, Class<T> recordType) throws IOException {
        Path file = dir.resolve(METRICS);
        List<String> lines = readLinesIfExists(file);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = file + " line " + (i + 1);
            if (lines.get(i).isBlank()) {
                throw new IOException(where + ": empty line");
            }
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                if (!(node instanceof ObjectNode object) || !object.path("type").isTextual()) {
                    throw new IOException(where + ": not a metrics record (no \"type\")");
                }
                String lineType = object.remove("type").textValue();
                if (!lineType.equals("epoch") && !lineType.equals("iteration")) {
                    throw new IOException(where + ": unknown record type \"" + lineType + "\"");
                }
                if (lineType.equals(type)) {
                    out.add(JSON.treeToValue(object, recordType));
                }
            } catch (JacksonException e) {
                throw new IOException(where + ": " + firstLine(e.getOriginalMessage()), e);
            }
        }
        return out;
    }

    private static List<String> readLinesIfExists(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static boolean isRunning(RunSummary s) {
        if (s.pid() == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(s.pid())
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant()
                        .map(start -> !start.isAfter(s.started().plus(PID_REUSE_SLACK)))
                        .orElse(true))
                .orElse(false);
    }

    /** The config name as a portable folder name: no separators, no leading dots, nothing Windows rejects. */
    static String folderName(String name) {
        StringBuilder out = new StringBuilder();
        if (name != null) {
            for (int i = 0; i < name.length() && out.length() < MAX_NAME_IN_FOLDER; i++) {
                char c = name.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                    out.append(c);
                } else if (c == ' ') {
                    out.append('-');
                } else {
                    out.append('_');
                }
            }
        }
        String s = out.toString().replaceAll("^[.\\-]+|[.\\- ]+$", "");
        return s.isEmpty() ? "run" : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort clean-up after another failure.
        }
    }

    /** The UnlearnLab version, from the jar's Maven descriptor; "dev" when running from classes. */
    static String version() {
        String v = RunFolder.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = RunFolder.class.getResourceAsStream(
                "/META-INF/maven/org.unlearnlab/unlearnlab/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException ignored) {
            // Fall through to "dev".
        }
        return "dev";
    }
}
