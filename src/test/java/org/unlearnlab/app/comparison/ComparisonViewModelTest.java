package org.unlearnlab.app.comparison;

import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.common.charts.IterationOverlayChart;
import org.unlearnlab.app.experiment.ConfigPreset;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.files.CsvTable;
import org.unlearnlab.engine.metrics.TrainingProgress;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonViewModelTest {
    @TempDir
    Path temp;

    private FakeBackend backend;
    private SimpleObjectProperty<ExperimentConfig> current;
    private ComparisonViewModel vm;

    /** Plays a comparison through the real listener interface, as StrategyComparison calls it. */
    private static final class FakeBackend implements ComparisonBackend {
        final List<String> calls = new ArrayList<>();
        final EngineComparisonBackend files = new EngineComparisonBackend();
        Runnable afterFirstStrategy = () -> { };
        boolean tokenCancelledAtEnd;
        List<UnlearningStrategy> strategies;
        int subset;
        Path folder;

        @Override
        public boolean compare(ExperimentConfig base, List<UnlearningStrategy> chosen, int diagnosticsSubset,
                               Path out, StrategyComparison.Listener listener, CancellationToken token) {
            strategies = chosen;
            subset = diagnosticsSubset;
            folder = out;
            ExperimentListener b = listener.stage(StrategyComparison.BASE_STAGE);
            b.log("training the starting model all strategies share");
            b.trainingProgress(new TrainingProgress("initial", 1, 2, 5, 10, 0.5, 1000, 500, 1500));
            listener.diagnosed(StrategyComparison.BASE_STAGE, ComparisonFolders.report("base", Verdict.PASS));
            for (UnlearningStrategy s : chosen) {
                if (token.isCancelled()) {
                    break;
                }
                ExperimentListener e = listener.stage(s.id());
                for (int i = 0; i < 3; i++) {
                    e.iterationFinished(ComparisonFolders.row(i, 0.5 + 0.1 * i, s == UnlearningStrategy.RANDOM ? 0 : 7 * i));
                }
                e.log("diagnostics of " + s.id());
                listener.diagnosed(s.id(), ComparisonFolders.report(s.id(),
                        s == UnlearningStrategy.LOSS_RANKED ? Verdict.FAIL : Verdict.PASS));
                listener.strategyFinished(s, out.resolve(s.id()));
                afterFirstStrategy.run();
                afterFirstStrategy = () -> { };
            }
            tokenCancelledAtEnd = token.isCancelled();
            return !token.isCancelled();
        }

        @Override
        public ComparisonData open(Path dir) throws IOException {
            calls.add("open " + dir.getFileName());
            return files.open(dir);
        }

        @Override
        public Path writeReport(Path dir, Path out) throws IOException {
            calls.add("report " + dir.relativize(out));
            Files.createDirectories(out);
            return Files.writeString(out.resolve("report.html"), "<html></html>");
        }
    }

    private static ExperimentConfig config(String name) {
        ExperimentConfig d = ExperimentConfig.defaults().withName(name);
        ExperimentConfig.Unlearning u = d.unlearning();
        return d.withUnlearning(new ExperimentConfig.Unlearning(u.strategy(), u.samplesPerIteration(), 4,
                u.threshold(), u.thresholdMetric(), u.retrain(), u.retrainEpochs(), u.poolSize()));
    }

    @BeforeEach
    void setUp() {
        backend = new FakeBackend();
        current = new SimpleObjectProperty<>(config("my experiment"));
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        vm = new ComparisonViewModel(executor, executor, backend, () -> temp.resolve("runs"), current,
                List.of(new ConfigPreset("Classroom", "classroom.json", config("classroom"))),
                Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC));
    }

    private StrategyRow row(String id) {
        return vm.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void engine_events_build_one_curve_and_one_table_row_per_strategy() {
        vm.strategySelectedProperty(UnlearningStrategy.EXTRA_EPOCHS).set(false);
        vm.diagnosticsSubsetProperty().set(300);

        vm.compare();

        assertEquals(List.of(UnlearningStrategy.LOSS_RANKED, UnlearningStrategy.RANDOM,
                UnlearningStrategy.ADVERSARIAL_TRAINING), backend.strategies);
        assertEquals(300, backend.subset);
        assertEquals(temp.resolve("runs").resolve("compare-my-experiment-20260304-050607"), backend.folder);
        assertEquals(backend.folder, vm.folderProperty().get());

        assertEquals(List.of("base", "loss-ranked", "random", "adversarial-training"),
                vm.rows().stream().map(StrategyRow::id).toList());
        List<IterationOverlayChart.RunCurve> curves = vm.curves();
        assertEquals(List.of("Loss-ranked (paper)", "Random removal", "Adversarial training"), curves.stream().map(IterationOverlayChart.RunCurve::name).toList());
        curves.forEach(c -> assertEquals(3, c.iterations().size()));

        StrategyRow lossRanked = row("loss-ranked");
        assertEquals(2, lossRanked.latestProperty().get().iteration());
        assertEquals(14, lossRanked.latestProperty().get().fgsmPaper().zeroGradientCount());
        assertEquals("done", lossRanked.stateProperty().get());
        assertEquals(Verdict.FAIL, lossRanked.diagnosticsProperty().get().overall());
        // The starting model's row shows the strategies' shared iteration 0 and its own diagnostics.
        assertEquals(0, row("base").latestProperty().get().iteration());
        assertEquals(Verdict.PASS, row("base").diagnosticsProperty().get().overall());

        assertFalse(vm.runningProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("Finished", vm.stageTextProperty().get());
        // The first diagnostics to arrive (the starting model's) are selected; selecting a row shows its own.
        assertEquals("base", vm.selectedProperty().get().id());
        vm.selectedProperty().set(lossRanked);
        assertEquals("loss-ranked", vm.selectedDiagnosticsProperty().get().model());
    }

    @Test
    void progress_names_the_stage_while_it_runs() {
        List<String> seen = new ArrayList<>();
        vm.stageTextProperty().addListener((obs, old, t) -> seen.add(t));
        vm.compare();
        assertTrue(seen.stream().anyMatch(t -> t.startsWith("Stage 1 of 5 · " + ComparisonViewModel.BASE_LABEL
                + " · training: epoch 1/2, batch 5/10")), seen.toString());
        assertTrue(seen.stream().anyMatch(t -> t.equals("Stage 3 of 5 · Random removal"
                + " · iteration 2 of up to 4 evaluated")), seen.toString());
    }

    @Test
    void cancel_reaches_the_engine_token_and_keeps_what_finished() {
        backend.afterFirstStrategy = vm::cancel;

        vm.compare();

        assertTrue(backend.tokenCancelledAtEnd, "the engine's token must be cancelled");
        assertFalse(vm.runningProperty().get());
        assertEquals("Cancelled", vm.stageTextProperty().get());
        assertEquals(1, vm.curves().size(), "only the strategy that finished before the cancel has a curve");
        assertEquals("done", row("loss-ranked").stateProperty().get());
        assertEquals("cancelled", row("random").stateProperty().get());
        assertTrue(vm.messageProperty().get().contains("cancelled"), vm.messageProperty().get());
    }

    @Test
    void a_config_that_cannot_run_is_refused_before_the_engine() {
        current.set(config("bad").withAttack(new ExperimentConfig.Attack(7, ExperimentConfig.defaults().attack().fgsmVariant(),
                10, 0.01, true)));
        vm.compare();
        assertNull(backend.folder);
        assertTrue(vm.messageProperty().get().startsWith("The config 'bad' cannot run: attack.epsilon"),
                vm.messageProperty().get());
    }

    @Test
    void a_preset_can_be_compared_instead_of_the_experiment_pages_config() {
        vm.configProperty().set(vm.configs().get(1));
        vm.compare();
        assertEquals(temp.resolve("runs").resolve("compare-classroom-20260304-050607"), backend.folder);
    }

    @Test
    void opening_a_folder_written_by_the_engine_fills_chart_table_and_diagnostics() throws Exception {
        Path dir = ComparisonFolders.write(temp.resolve("cmp"), config("tiny"));

        vm.openFolder(dir);

        assertEquals(List.of("open cmp"), backend.calls);
        assertEquals(dir, vm.folderProperty().get());
        assertEquals(List.of("base", "loss-ranked", "random", "adversarial-training"),
                vm.rows().stream().map(StrategyRow::id).toList());
        assertEquals(List.of(3, 2), vm.curves().stream().map(c -> c.iterations().size()).toList());
        assertEquals(0.8, vm.curves().get(0).iterations().get(2).fgsmStable().accuracy(), 1e-9);
        assertEquals("done", row("loss-ranked").stateProperty().get());
        assertEquals("unfinished", row("random").stateProperty().get());
        assertEquals("not run", row("adversarial-training").stateProperty().get());
        assertEquals(20, row("loss-ranked").latestProperty().get().fgsmPaper().zeroGradientCount());

        // The first strategy with diagnostics is shown; the unfinished one says why it has none.
        assertEquals("loss-ranked", vm.selectedProperty().get().id());
        assertEquals(Verdict.FAIL, vm.selectedDiagnosticsProperty().get().check("zero-gradient").verdict());
        vm.selectedProperty().set(row("random"));
        assertNull(vm.selectedDiagnosticsProperty().get());
        assertTrue(vm.diagnosticsNoteProperty().get().contains("appear when"), vm.diagnosticsNoteProperty().get());
        vm.selectedProperty().set(row("base"));
        assertEquals(Verdict.PASS, vm.selectedDiagnosticsProperty().get().overall());
    }

    @Test
    void the_table_exports_as_csv_that_reads_back_with_its_figures_and_quoted_labels() throws Exception {
        Path dir = ComparisonFolders.write(temp.resolve("cmp"), config("tiny"));
        vm.openFolder(dir);

        vm.exportTableCsv(temp.resolve("out").resolve("table"));

        Path file = temp.resolve("out").resolve("table.csv");
        assertTrue(vm.messageProperty().get().contains("table.csv"), vm.messageProperty().get());
        List<List<String>> csv = CsvTable.parse(Files.readString(file));
        assertEquals(ComparisonViewModel.CSV_HEADER, csv.get(0));
        assertEquals(List.of("base", "loss-ranked", "random", "adversarial-training"),
                csv.subList(1, csv.size()).stream().map(r -> r.get(1)).toList());
        List<String> lossRanked = csv.get(2);
        assertEquals("done", lossRanked.get(2));
        assertEquals("20", lossRanked.get(ComparisonViewModel.CSV_HEADER.indexOf("fgsm_paper_zero_gradient")));
        int fgsmStable = ComparisonViewModel.CSV_HEADER.indexOf("fgsm_stable_accuracy");
        assertEquals(0.8, Double.parseDouble(lossRanked.get(fgsmStable)), 1e-12);
        assertEquals("FAIL", lossRanked.get(ComparisonViewModel.CSV_HEADER.indexOf("diagnostics")));
        assertEquals("", csv.get(4).get(3), "a strategy not run has no iteration");
        assertTrue(Files.readString(file).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void a_folder_that_is_no_comparison_is_reported_not_shown() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("not-a-comparison"));
        vm.openFolder(dir);
        assertTrue(vm.rows().isEmpty());
        assertTrue(vm.messageProperty().get().startsWith("Cannot open"), vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void the_report_goes_into_the_comparisons_report_folder() throws Exception {
        Path dir = ComparisonFolders.write(temp.resolve("cmp"), config("tiny"));
        vm.openFolder(dir);
        List<Boolean> busyWhenWritten = new ArrayList<>();
        vm.reportFileProperty().addListener((obs, old, html) -> busyWhenWritten.add(vm.busyProperty().get()));
        vm.writeReport();
        assertEquals(List.of(false), busyWhenWritten, "settled before the view offers to open the report");
        assertEquals(List.of("open cmp", "report report"), backend.calls);
        assertEquals(dir.resolve("report").resolve("report.html"), vm.reportFileProperty().get());
        assertNotNull(vm.messageProperty().get());
    }

    @Test
    void a_second_comparison_in_the_same_second_gets_its_own_folder() throws Exception {
        Path first = vm.newFolder(temp, "A b/c");
        assertEquals("compare-a-b-c-20260304-050607", first.getFileName().toString());
        Files.createDirectories(first);
        assertEquals("compare-a-b-c-20260304-050607-2", vm.newFolder(temp, "A b/c").getFileName().toString());
    }
}
