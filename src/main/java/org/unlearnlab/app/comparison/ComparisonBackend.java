package org.unlearnlab.app.comparison;

import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.progress.CancellationToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Compare page asks of the engine. {@link #compare} runs on the engine thread inside a background task;
 * {@link #open} and {@link #writeReport} only read and write files. The view-model never sees a model; its tests
 * drive it with a fake.
 */
public interface ComparisonBackend {

    /**
     * Runs the strategies from one shared starting model into {@code folder}, reporting to {@code listener}.
     *
     * @param diagnosticsSubset test images for each model's diagnostics (0 = all, negative = none)
     * @return false when it stopped because {@code token} was cancelled
     */
    boolean compare(ExperimentConfig base, List<UnlearningStrategy> strategies, int diagnosticsSubset, Path folder,
                    StrategyComparison.Listener listener, CancellationToken token) throws Exception;

    /** Reads a comparison folder (comparison.json, the strategies' run folders and diagnostics). */
    ComparisonData open(Path folder) throws IOException;

    /** Writes report.html (with report.md and charts) of {@code folder} into {@code out}; returns the HTML file. */
    Path writeReport(Path folder, Path out) throws IOException;
}
