package org.unlearnlab.app.runs;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.IOException;
import java.nio.file.Path;

/** Real run folders for the Runs tests, written the way the engine writes them. */
final class RunFolders {
    private RunFolders() {
    }

    /**
     * A finished run under {@code root}: iterations 0..n-1 with FGSM-stable accuracy {@code fgsm[i]} (clean
     * 0.98, FGSM paper +0.1 with 30 zero gradients per iteration, PGD -0.1), 50 samples removed per iteration,
     * and a final full-test row with FGSM stable 0.77 unless {@code finalRow} is false.
     */
    static RunFolder finished(Path root, String folder, ExperimentConfig config, RunStatus status, boolean finalRow,
                              double... fgsm) throws IOException {
        RunFolder run = RunFolder.createAt(root.resolve(folder), config);
        for (int i = 0; i < fgsm.length; i++) {
            run.appendIteration(row(i, fgsm[i], i, false));
        }
        if (finalRow) {
            run.appendIteration(row(fgsm.length - 1, 0.77, fgsm.length - 1, true));
        }
        if (status != RunStatus.RUNNING) {
            run.finish(status, status == RunStatus.COMPLETE ? null : "stopped for the test");
        }
        return run;
    }

    static IterationMetrics row(int iteration, double fgsmStable, int zeroGradSeed, boolean finalFullTest) {
        int evaluated = finalFullTest ? 10_000 : 1000;
        return new IterationMetrics(iteration, 2000 - 50 * iteration, 50 * iteration,
                new CleanSummary(0.98, 0.05, evaluated),
                new AttackSummary("fgsm-stable", 0.1, fgsmStable, 1.0, 0, evaluated),
                new AttackSummary("fgsm-paper", 0.1, fgsmStable + 0.1, 1.0, 30 + zeroGradSeed, evaluated),
                new AttackSummary("pgd", 0.1, fgsmStable - 0.1, 2.0, 0, evaluated),
                evaluated, 1200, finalFullTest);
    }
}
