package org.unlearnlab.app.comparison;

import org.unlearnlab.engine.comparison.ComparisonManifest;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticsFiles;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.report.ReproductionReport;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link StrategyComparison} and {@link ReproductionReport} on the real files; compare on the engine thread only. */
public final class EngineComparisonBackend implements ComparisonBackend {

    @Override
    public boolean compare(ExperimentConfig base, List<UnlearningStrategy> strategies, int diagnosticsSubset,
                           Path folder, StrategyComparison.Listener listener, CancellationToken token)
            throws IOException {
        // The data comes from the config's own folder, as for a run started on the Experiment page.
        StrategyComparison.Result result = new StrategyComparison(base, strategies)
                .diagnosticsSubset(diagnosticsSubset)
                .command(commandLine(folder, strategies, diagnosticsSubset))
                .run(folder, listener, token);
        return !result.cancelled();
    }

    /** The CLI command that does the same, recorded in comparison.json for the report's "Reproduce" section. */
    static String commandLine(Path folder, List<UnlearningStrategy> strategies, int diagnosticsSubset) {
        return "java -jar target/unlearnlab.jar compare --config " + folder.resolve(StrategyComparison.BASE_CONFIG)
                + " --out " + folder + " --strategies "
                + String.join(",", strategies.stream().map(UnlearningStrategy::id).toList())
                + " --diagnostics-subset " + diagnosticsSubset;
    }

    @Override
    public ComparisonData open(Path folder) throws IOException {
        ComparisonManifest manifest = StrategyComparison.readManifest(folder);
        ExperimentConfig base = null;
        Path configFile = folder.resolve(StrategyComparison.BASE_CONFIG);
        if (Files.isRegularFile(configFile)) {
            try {
                base = ConfigFiles.read(configFile);
            } catch (ConfigException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        Map<String, List<IterationMetrics>> iterations = new LinkedHashMap<>();
        List<String> complete = new ArrayList<>();
        Map<String, DiagnosticsReport> diagnostics = new LinkedHashMap<>();
        DiagnosticsReport baseReport = DiagnosticsFiles.read(folder.resolve(StrategyComparison.BASE_DIAGNOSTICS));
        if (baseReport != null) {
            diagnostics.put(StrategyComparison.BASE_STAGE, baseReport);
        }
        for (Path run : StrategyComparison.runFolders(folder)) {
            String id = run.getFileName().toString();
            RunFolder rf = RunFolder.open(run);
            iterations.put(id, rf.readIterations());
            if (rf.readSummary().status() == RunStatus.COMPLETE) {
                complete.add(id);
            }
            DiagnosticsReport report = DiagnosticsFiles.read(run.resolve(DiagnosticsFiles.FILE));
            if (report != null) {
                diagnostics.put(id, report);
            }
        }
        return new ComparisonData(folder, manifest.name(), base, manifest.strategies(), manifest.diagnosticsSubset(),
                iterations, complete, diagnostics);
    }

    @Override
    public Path writeReport(Path folder, Path out) throws IOException {
        return ReproductionReport.write(folder, out,
                "java -jar target/unlearnlab.jar report --from " + folder + " --out " + out);
    }
}
