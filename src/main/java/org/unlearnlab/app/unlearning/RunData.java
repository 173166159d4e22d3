package org.unlearnlab.app.unlearning;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished run as read from its folder.
 *
 * @param modelZip the run's final model, or null when the folder has none
 */
public record RunData(Path folder, ExperimentConfig config, List<IterationMetrics> iterations,
                      List<RemovedSample> removed, Path modelZip) {

    public static RunData read(Path dir) throws IOException {
        RunFolder run = RunFolder.open(dir);
        Path zip = run.modelPath();
        return new RunData(dir, run.readConfig(), run.readIterations(), run.readRemoved(),
                Files.isRegularFile(zip) ? zip : null);
    }
}
