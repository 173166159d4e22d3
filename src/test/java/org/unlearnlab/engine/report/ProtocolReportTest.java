package org.unlearnlab.engine.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.RankingSource;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolReportTest {

    @Test
    void reportsEveryIterationWithTheZeroGradientShareThePaperRuleAndCwFromTheKeptModels(@TempDir Path dir)
            throws Exception {
        ExperimentConfig d = ExperimentConfig.defaults();
        // A threshold of 0.05 on FGSM-paper is met at once: the rule must be marked at iteration 0.
        ExperimentConfig cfg = d.withName("protocol-test")
                .withData(new ExperimentConfig.Data(null, 1500, 200))
                .withModel(new ExperimentConfig.Model(ModelPreset.PAPER_LENET))
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 42))
                .withAttack(new ExperimentConfig.Attack(0.1, FgsmVariant.PAPER, 2, 0.04, true))
                .withUnlearning(new ExperimentConfig.Unlearning(UnlearningStrategy.LOSS_RANKED, 20, 2, 0.05,
                        Metric.FGSM_PAPER, RetrainMode.CONTINUE, 1, 300, RankingSource.TRAIN, false))
                .withEvaluation(new ExperimentConfig.Evaluation(0, true));
        RunFolder run = RunFolder.createAt(dir.resolve("run-a"), cfg);
        new ExperimentRunner(cfg).withData(SmallMnist.split(1500, 200)).run(run, ExperimentListener.NONE,
                CancellationToken.none());

        ExperimentConfig randomCfg = cfg.withName("protocol-test-random")
                .withUnlearning(cfg.unlearning().withStrategy(UnlearningStrategy.RANDOM));
        RunFolder random = RunFolder.createAt(dir.resolve("run-b"), randomCfg);
        new ExperimentRunner(randomCfg).withData(SmallMnist.split(1500, 200)).run(random, ExperimentListener.NONE,
                CancellationToken.none());
        Files.delete(random.iterationModelPath(1)); // a run without some kept model: its C&W cell stays empty

        // the command line recorded by the CLI is what the report reproduces; without one, the run's own config
        run.writeCommand("java -jar target/unlearnlab.jar run --config cfg/tiny.json --model m.zip --out " + run.path());
        Path out = dir.resolve("report");
        ProtocolReport.write(List.of(new ProtocolReport.Labelled("tiny", run.path()),
                        new ProtocolReport.Labelled("random", random.path())), out, 2, "report-cmd",
                ExperimentListener.NONE, CancellationToken.none());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("Iteration by iteration: tiny"), md);
        assertTrue(md.contains("| 0 (paper's rule) |"), md);
        assertTrue(md.contains("| 2 |"), md);
        assertTrue(md.contains("Loss-ranked removal against its baselines"), md);
        assertTrue(md.contains("| tiny vs random | 2 |"), md);
        assertTrue(md.contains("C\\&W success / median L2 (2 images)"), md);
        assertTrue(md.contains("the paper's rule was met before any unlearning"), md);
        assertTrue(md.contains("run --config cfg/tiny.json --model m.zip --out " + run.path()), md);
        assertTrue(md.contains("run --config " + random.path().resolve("config.json") + " --out " + random.path()
                + "-again"), md);
        assertTrue(Files.isRegularFile(out.resolve("charts/protocol-zero-gradient.svg")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));

        // C&W ran on the model of each of the three iterations (0, 1, 2) and is kept, so writing the report again
        // measures nothing: the cache is read back unchanged.
        List<String> cache = Files.readAllLines(out.resolve(ProtocolReport.CW_CACHE));
        assertEquals(1 + 3 + 2, cache.size(), String.join("\n", cache));
        assertTrue(cache.get(1).startsWith("tiny,0,2,"), cache.get(1));
        Files.delete(run.iterationModelPath(1)); // would be needed if the cache were not used
        ProtocolReport.write(List.of(new ProtocolReport.Labelled("tiny", run.path()),
                        new ProtocolReport.Labelled("random", random.path())), out, 2, "report-cmd",
                ExperimentListener.NONE, CancellationToken.none());
        assertEquals(cache, Files.readAllLines(out.resolve(ProtocolReport.CW_CACHE)));
        String again = Files.readString(out.resolve("report.md"));
        String row1 = again.lines().filter(l -> l.startsWith("| 1 |")).findFirst().orElseThrow();
        assertTrue(row1.matches(".*\\| \\d\\.\\d{4} / (\\d\\.\\d{3}|—) \\|.*"), "C&W of iteration 1 from the cache: " + row1);
    }
}
