package org.unlearnlab.engine.comparison;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticsFiles;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.report.ReportHtml;
import org.unlearnlab.engine.report.ReproductionReport;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two strategies on a few hundred images: the folder layout, a shared start, continuing, and the report. */
class StrategyComparisonTest {

    static ExperimentConfig tiny() {
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig.Unlearning u = d.unlearning();
        return d.withName("tiny")
                .withData(new ExperimentConfig.Data(null, 600, 200))
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 5))
                .withUnlearning(new ExperimentConfig.Unlearning(u.strategy(), 20, 2, 0.99, u.thresholdMetric(),
                        u.retrain(), 1, 200))
                .withEvaluation(new ExperimentConfig.Evaluation(60, false));
    }

    private static StrategyComparison.Listener quiet(List<String> stages) {
        return stage -> {
            stages.add(stage);
            return ExperimentListener.NONE;
        };
    }

    @Test
    void strategiesShareTheStartingModelAndTheReportIsWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        List<String> stages = new ArrayList<>();
        StrategyComparison.Result r = new StrategyComparison(tiny(),
                List.of(UnlearningStrategy.LOSS_RANKED, UnlearningStrategy.RANDOM))
                .withData(SmallMnist.split(600, 200)).diagnosticsSubset(50).sweepEpsilons(0, 0.5).command("compare ...")
                .run(out, quiet(stages), CancellationToken.none());

        assertFalse(r.cancelled());
        assertTrue(Files.isRegularFile(out.resolve(StrategyComparison.BASE_MODEL)));
        assertTrue(Files.isRegularFile(out.resolve(StrategyComparison.BASE_DIAGNOSTICS)));
        assertTrue(stages.contains(StrategyComparison.BASE_STAGE));
        List<IterationMetrics> lr = RunFolder.open(out.resolve("loss-ranked")).readIterations();
        List<IterationMetrics> random = RunFolder.open(out.resolve("random")).readIterations();
        // Same starting model, same test subset: iteration 0 is identical; afterwards they differ.
        assertEquals(lr.get(0).clean(), random.get(0).clean());
        assertEquals(lr.get(0).fgsmStable(), random.get(0).fgsmStable());
        assertEquals(3, lr.size());
        assertEquals(RunStatus.COMPLETE, RunFolder.open(out.resolve("random")).readSummary().status());
        assertEquals("tiny-random", RunFolder.open(out.resolve("random")).readConfig().name());
        assertEquals(UnlearningStrategy.RANDOM, RunFolder.open(out.resolve("random")).readConfig().unlearning().strategy());
        assertTrue(Files.isRegularFile(out.resolve("random").resolve(DiagnosticsFiles.FILE)));
        assertEquals(3, r.diagnostics().size());

        // Started again: everything finished is kept, nothing is recomputed.
        StrategyComparison.Result again = new StrategyComparison(tiny(),
                List.of(UnlearningStrategy.LOSS_RANKED, UnlearningStrategy.RANDOM))
                .withData(SmallMnist.split(600, 200)).diagnosticsSubset(50).sweepEpsilons(0, 0.5)
                .run(out, quiet(new ArrayList<>()), CancellationToken.none());
        assertTrue(again.outcomes().isEmpty());
        assertEquals(3, again.diagnostics().size());

        Path html = ReproductionReport.write(out, dir.resolve("report"), "report --from cmp --out report");
        String page = Files.readString(html);
        assertTrue(page.contains("Table 1"));
        assertTrue(page.contains("<svg"));
        assertTrue(page.contains("Reduced protocol"), "a 600-image LeNet run is not the paper's protocol");
        assertTrue(page.contains("0.9669"), "the paper's updated-model accuracy is quoted");
        assertEquals(page, Files.readString(ReportHtml.write(dir.resolve("report"))),
                "the page is what re-rendering its Markdown gives, so the two cannot drift");
        String md = Files.readString(dir.resolve("report/report.md"));
        assertTrue(md.contains("charts/iterations-pgd.svg"));
        assertTrue(Files.isRegularFile(dir.resolve("report/charts/iterations-pgd.svg")));
        assertTrue(Files.isRegularFile(dir.resolve("report/charts/sweep-pgd.svg")));
    }

    @Test
    void aFolderOfAnotherConfigIsRefusedAndAnUnfinishedRunIsMovedAsideNotDeleted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        CancellationToken token = new CancellationToken();
        ExperimentListener cancelAfterIterationOne = new ExperimentListener() {
            @Override
            public void iterationFinished(IterationMetrics m) {
                if (m.iteration() >= 1) {
                    token.cancel();
                }
            }
        };
        StrategyComparison.Result cancelled = new StrategyComparison(tiny(), List.of(UnlearningStrategy.RANDOM))
                .withData(SmallMnist.split(600, 200)).diagnosticsSubset(-1)
                .run(out, stage -> cancelAfterIterationOne, token);
        assertTrue(cancelled.cancelled());
        assertEquals(RunStatus.CANCELLED, RunFolder.open(out.resolve("random")).readSummary().status());

        IOException other = assertThrows(IOException.class,
                () -> StrategyComparison.checkFolder(out, tiny().withName("other")));
        assertTrue(other.getMessage().contains("another config"), other.getMessage());

        new StrategyComparison(tiny(), List.of(UnlearningStrategy.RANDOM)).withData(SmallMnist.split(600, 200))
                .diagnosticsSubset(-1).run(out, quiet(new ArrayList<>()), CancellationToken.none());
        assertEquals(RunStatus.COMPLETE, RunFolder.open(out.resolve("random")).readSummary().status());
        try (var files = Files.list(out)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("random.unfinished-")).count());
        }
    }
}
