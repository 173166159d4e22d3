package org.unlearnlab.faults;

import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runs.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What must hold for a run folder after any fault: every file parses and agrees with the others. */
final class RunChecks {
    private RunChecks() {
    }

    /**
     * Reads every file of the run at {@code dir}: config.json equals {@code config}, summary.json, the epoch
     * and iteration rows of metrics.jsonl (iterations numbered 0, 1, 2, ...), removed.csv (no sample twice,
     * none from beyond the iteration after the last finished one), and model.zip loads as the config's preset.
     */
    static RunFolder assertReadable(Path dir, ExperimentConfig config) throws Exception {
        assertEquals(config, ConfigFiles.read(dir.resolve(RunFolder.CONFIG)), "config.json");
        RunFolder run = RunFolder.open(dir);
        run.readSummary();
        run.readEpochs();
        List<IterationMetrics> rows = run.readIterations().stream().filter(m -> !m.finalFullTest()).toList();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).iteration(), "iteration rows in order without gaps");
        }
        Set<Integer> seen = new HashSet<>();
        for (RemovedSample s : run.readRemoved()) {
            assertTrue(seen.add(s.datasetIndex()), "removed twice: " + s);
            assertTrue(s.iteration() >= 1 && s.iteration() <= rows.size(), "removed in an iteration never started: " + s);
        }
        ModelPreset preset = config.model().preset();
        assertTrue(Files.isRegularFile(dir.resolve(RunFolder.MODEL)), "model.zip");
        assertEquals(preset, Classifier.load(dir.resolve(RunFolder.MODEL), preset).preset());
        return run;
    }

    /** Files in {@code dir} that a write interrupted for good left behind (hidden temp files). */
    static List<String> leftoverTempFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".") && n.endsWith(".tmp"))
                    .sorted().toList();
        }
    }
}
