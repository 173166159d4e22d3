package org.unlearnlab.app.common.diagnostics;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.function.Consumer;

/** Diagnoses the app's current model; runs on the engine thread inside a background task. Faked in tests. */
@FunctionalInterface
public interface ModelDiagnostics {
    /**
     * @param config   attack settings (ε, PGD) and seed come from here
     * @param subset   test images to use (0 = all)
     * @param progress one line per finished measurement
     */
    DiagnosticsReport diagnose(String modelName, ExperimentConfig config, int subset, Consumer<String> progress,
                               CancellationToken token) throws Exception;
}
