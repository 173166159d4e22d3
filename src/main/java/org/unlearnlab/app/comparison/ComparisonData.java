package org.unlearnlab.app.comparison;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.metrics.IterationMetrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A comparison folder as read from disk.
 *
 * @param base        the base config (config.json), or null when it is missing
 * @param strategies  strategy ids in the manifest's order
 * @param iterations  per strategy id, the rows of its metrics.jsonl (absent: the strategy has not started)
 * @param complete    strategy ids whose run finished
 * @param diagnostics per stage ("base" or a strategy id), the diagnostics written so far
 */
public record ComparisonData(Path folder, String name, ExperimentConfig base, List<String> strategies,
                             int diagnosticsSubset, Map<String, List<IterationMetrics>> iterations,
                             List<String> complete, Map<String, DiagnosticsReport> diagnostics) {
    public ComparisonData {
        strategies = List.copyOf(strategies);
        iterations = Map.copyOf(iterations);
        complete = List.copyOf(complete);
        diagnostics = Map.copyOf(diagnostics);
    }
}
