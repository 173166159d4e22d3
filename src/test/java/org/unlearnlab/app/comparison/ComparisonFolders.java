package org.unlearnlab.app.comparison;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.unlearnlab.engine.comparison.ComparisonManifest;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.diagnostics.DiagnosticCheck;
import org.unlearnlab.engine.diagnostics.DiagnosticsFiles;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Comparison folders for the tests, written with the engine's own file classes and in its JSON shape. */
final class ComparisonFolders {
    static final String FAIL_SENTENCE = "FGSM with the paper's loss left 612 of 1,000 inputs unchanged because "
            + "their gradient was exactly zero, so its accuracy says nothing about robustness.";

    private ComparisonFolders() {
    }

    /**
     * A comparison of {@code config} with "loss-ranked" (3 iterations, complete, its diagnostics FAIL the
     * zero-gradient check) and "random" (2 iterations, still running, no diagnostics), plus the starting model's
     * diagnostics (all PASS); "adversarial-training" is listed in the manifest but never started.
     */
    static Path write(Path dir, ExperimentConfig config) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(StrategyComparison.BASE_CONFIG), ConfigFiles.toJson(config));
        ComparisonManifest manifest = new ComparisonManifest(config.name(), "2026-01-01T00:00:00Z",
                List.of("loss-ranked", "random", "adversarial-training"), 1000, "compare --config x.json");
        Files.writeString(dir.resolve(StrategyComparison.MANIFEST),
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        DiagnosticsFiles.write(report("base", Verdict.PASS), dir.resolve(StrategyComparison.BASE_DIAGNOSTICS));

        RunFolder lossRanked = RunFolder.createAt(dir.resolve("loss-ranked"), config);
        for (int i = 0; i < 3; i++) {
            lossRanked.appendIteration(row(i, 0.4 + 0.2 * i, 10 * i));
        }
        lossRanked.finish(RunStatus.COMPLETE, null);
        DiagnosticsFiles.write(report("loss-ranked", Verdict.FAIL), dir.resolve("loss-ranked").resolve(DiagnosticsFiles.FILE));

        RunFolder random = RunFolder.createAt(dir.resolve("random"), config);
        for (int i = 0; i < 2; i++) {
            random.appendIteration(row(i, 0.4 - 0.05 * i, 0));
        }
        return dir;
    }

    /** Iteration {@code i}: FGSM stable {@code fgsm}, FGSM paper +0.1 with {@code zeros} zero gradients. */
    static IterationMetrics row(int i, double fgsm, int zeros) {
        return new IterationMetrics(i, 2000 - 50 * i, 50 * i, new CleanSummary(0.98, 0.05, 1000),
                new AttackSummary("fgsm-stable", 0.1, fgsm, 1.0, 0, 1000),
                new AttackSummary("fgsm-paper", 0.1, fgsm + 0.1, 1.0, zeros, 1000),
                new AttackSummary("pgd", 0.1, fgsm - 0.1, 2.0, 0, 1000), 1000, 900, false);
    }

    /** A report whose zero-gradient check has {@code zeroGradient}; the other three checks pass. */
    static DiagnosticsReport report(String model, Verdict zeroGradient) {
        List<DiagnosticCheck> checks = List.of(
                new DiagnosticCheck("zero-gradient", "Zero gradients", zeroGradient,
                        zeroGradient == Verdict.FAIL ? FAIL_SENTENCE : "No input had a zero gradient."),
                new DiagnosticCheck("pgd-vs-fgsm", "PGD at least as strong as FGSM", Verdict.PASS, "PGD 10% ≤ FGSM 40%."),
                new DiagnosticCheck("epsilon-sweep", "Accuracy falls with ε", Verdict.PASS, "At ε = 0.5 accuracy is 2%."),
                new DiagnosticCheck("transfer", "Transfer weaker than white-box", Verdict.PASS, "Transfer 80% ≥ PGD 10%."));
        List<SweepPoint> sweep = List.of(new SweepPoint(0, 0.98, 0.98, 0.98, 0, 0, 1000),
                new SweepPoint(0.1, 0.4, 0.7, 0.1, 0, 0.6, 1000), new SweepPoint(0.5, 0.02, 0.6, 0.0, 0, 0.6, 1000));
        return new DiagnosticsReport(model, 1000, 0.1, new CleanSummary(0.98, 0.05, 1000),
                new AttackSummary("fgsm-stable", 0.1, 0.4, 1.0, 3, 1000),
                new AttackSummary("fgsm-paper", 0.1, 0.7, 1.0, 612, 1000),
                new AttackSummary("pgd", 0.1, 0.1, 2.0, 0, 1000),
                new AttackSummary("fgsm-stable", 0.1, 0.8, 0.5, 0, 1000), "the bundled LeNet-5", sweep, checks, null);
    }
}
