package org.unlearnlab.app.runs;

import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.common.charts.IterationOverlayChart;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.Metric;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.metrics.LoopState;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunsViewModelTest {
    @TempDir
    Path temp;

    private Path root;
    private RunStore store;
    private AppContext context;

    @BeforeEach
    void setUp() {
        root = temp.resolve("runs");
        store = new RunStore(root);
        context = new AppContext(new CurrentThreadTaskExecutor(), store);
    }

    private static ExperimentConfig config(String name, UnlearningStrategy strategy) {
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig.Unlearning u = d.unlearning();
        return d.withName(name).withUnlearning(new ExperimentConfig.Unlearning(strategy, u.samplesPerIteration(),
                u.maxIterations(), u.threshold(), u.thresholdMetric(), u.retrain(), u.retrainEpochs(), u.poolSize()));
    }

    /** Two finished runs: "alpha" (loss-ranked, 3 iterations, final row) and "beta" (random, 2, cancelled). */
    private void twoRuns() throws Exception {
        RunFolders.finished(root, "a", config("alpha", UnlearningStrategy.LOSS_RANKED), RunStatus.COMPLETE, true,
                0.2, 0.5, 0.9);
        RunFolders.finished(root, "b", config("beta", UnlearningStrategy.RANDOM), RunStatus.CANCELLED, false,
                0.3, 0.35);
    }

    private RunsViewModel listed() {
        RunsViewModel vm = new RunsViewModel(context, temp.resolve("install"));
        vm.refresh();
        return vm;
    }

    private static RunRow named(RunsViewModel vm, String name) {
        return vm.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void lists_every_run_with_its_final_metrics() throws Exception {
        twoRuns();
        RunsViewModel vm = listed();

        assertEquals(2, vm.runs().size());
        RunRow alpha = named(vm, "alpha");
        assertEquals("Loss-ranked removal (paper)", alpha.strategy());
        assertEquals("LeNet-5 (classic)", alpha.model());
        assertEquals(RunStatus.COMPLETE, alpha.status());
        assertTrue(alpha.finalFullTest());
        assertEquals(0.77, alpha.fgsmStable(), 1e-9, "the final full-test row, not the last iteration");
        assertEquals(0.87, alpha.fgsmPaper(), 1e-9);
        assertEquals(32, alpha.paperZeroGradient());
        assertEquals(0.67, alpha.pgd(), 1e-9);
        assertEquals(0.98, alpha.clean(), 1e-9);
        assertEquals(100, alpha.removed());
        assertEquals(2, alpha.iterations());
        assertEquals(root.resolve("a"), alpha.folder());

        RunRow beta = named(vm, "beta");
        assertEquals("Random removal (baseline)", beta.strategy());
        assertEquals(RunStatus.CANCELLED, beta.status());
        assertFalse(beta.finalFullTest(), "cancelled before its final evaluation");
        assertEquals(0.35, beta.fgsmStable(), 1e-9);
        assertEquals("stopped for the test", beta.message());
        assertTrue(vm.messageProperty().get().startsWith("2 run(s) in "), vm.messageProperty().get());
    }

    @Test
    void a_run_without_evaluations_shows_no_numbers() throws Exception {
        store.create(ExperimentConfig.defaults().withName("fresh")).finish(RunStatus.FAILED, "out of memory");
        RunRow row = listed().runs().get(0);

        assertEquals(RunStatus.FAILED, row.status());
        assertTrue(Double.isNaN(row.clean()) && Double.isNaN(row.fgsmPaper()) && Double.isNaN(row.pgd()));
        assertEquals(-1, row.paperZeroGradient());
        assertEquals("out of memory", row.message());
    }

    @Test
    void a_forget_run_is_listed_by_its_method_not_by_the_loop_strategy_it_never_used() throws Exception {
        ExperimentConfig forget = org.unlearnlab.engine.config.ConfigFiles.read(
                java.nio.file.Path.of("sample-configs/forget-influence.json"));
        store.create(forget).finish(RunStatus.COMPLETE, null);
        RunRow row = listed().runs().get(0);

        assertEquals("forget: influence", row.strategy());
    }

    @Test
    void an_empty_store_says_where_runs_will_appear() {
        RunsViewModel vm = listed();

        assertTrue(vm.runs().isEmpty());
        assertTrue(vm.messageProperty().get().startsWith("No runs yet"), vm.messageProperty().get());
    }

    @Test
    void the_filter_matches_name_strategy_model_and_status_word_by_word() throws Exception {
        twoRuns();
        RunsViewModel vm = listed();

        vm.filterProperty().set("RANDOM");
        assertEquals(List.of("beta"), names(vm.visibleRuns()));
        vm.filterProperty().set("cancelled");
        assertEquals(List.of("beta"), names(vm.visibleRuns()));
        vm.filterProperty().set("lenet complete");
        assertEquals(List.of("alpha"), names(vm.visibleRuns()));
        vm.filterProperty().set("alpha random");
        assertTrue(vm.visibleRuns().isEmpty(), "every word must match");
        vm.filterProperty().set("  ");
        assertEquals(2, vm.visibleRuns().size());
    }

    @Test
    void the_table_sorts_the_filtered_rows_and_refresh_keeps_filter_and_selection() throws Exception {
        twoRuns();
        RunFolders.finished(root, "c", config("gamma", UnlearningStrategy.RANDOM), RunStatus.COMPLETE, false, 0.95);
        RunsViewModel vm = listed();

        // The view binds this comparator to the table's sort order.
        vm.visibleRuns().setComparator(Comparator.comparingDouble(RunRow::fgsmStable));
        assertEquals(List.of("beta", "alpha", "gamma"), names(vm.visibleRuns()));
        vm.filterProperty().set("random");
        assertEquals(List.of("beta", "gamma"), names(vm.visibleRuns()));

        vm.selection().setAll(named(vm, "gamma"));
        vm.refresh();
        assertEquals(List.of("beta", "gamma"), names(vm.visibleRuns()));
        assertEquals(List.of("gamma"), names(vm.selection()));
        assertTrue(vm.selection().get(0) == named(vm, "gamma"), "the refreshed row, not the stale one");
    }

    @Test
    void delete_refuses_a_run_whose_process_is_alive() throws Exception {
        // Created by this (live) process and never finished: it reads as running.
        RunFolder live = store.create(ExperimentConfig.defaults().withName("live"));
        RunsViewModel vm = listed();
        RunRow row = vm.runs().get(0);
        assertEquals(RunStatus.RUNNING, row.status());
        vm.selection().setAll(row);

        assertNotNull(vm.deleteRefusal());
        assertFalse(vm.deletableProperty().get(), "the Delete button is off");
        vm.deleteSelected();

        assertTrue(Files.isDirectory(live.path()), "still there");
        assertTrue(vm.messageProperty().get().contains("still running"), vm.messageProperty().get());
        assertEquals(1, vm.runs().size());
    }

    @Test
    void delete_removes_the_selected_finished_runs_and_lists_again() throws Exception {
        twoRuns();
        RunsViewModel vm = listed();
        vm.selection().setAll(named(vm, "beta"));
        assertNull(vm.deleteRefusal());
        assertTrue(vm.deletableProperty().get());

        vm.deleteSelected();

        assertFalse(Files.exists(root.resolve("b")));
        assertTrue(Files.isDirectory(root.resolve("a")));
        assertEquals(List.of("alpha"), names(vm.runs()));
        assertEquals("Deleted run 'beta'", vm.messageProperty().get());
    }

    @Test
    void two_selected_runs_overlay_their_iteration_curves() throws Exception {
        twoRuns();
        RunsViewModel vm = listed();

        vm.selection().setAll(named(vm, "alpha"));
        assertTrue(vm.overlay().isEmpty(), "one run is nothing to compare");

        vm.selection().setAll(named(vm, "alpha"), named(vm, "beta"));
        assertEquals(List.of("alpha", "beta"), vm.overlay().stream().map(IterationOverlayChart.RunCurve::name).toList());
        assertEquals(4, vm.overlay().get(0).iterations().size(), "three iterations and the final row");

        List<XYChart.Series<Number, Number>> series = IterationOverlayChart.series(vm.overlay(), Metric.FGSM_STABLE);
        assertEquals(List.of("alpha", "beta"), series.stream().map(XYChart.Series::getName).toList());
        assertEquals(List.of(0, 1, 2), xs(series.get(0)), "the final full-test row is left out");
        assertEquals(List.of(0.2, 0.5, 0.9), ys(series.get(0)));
        assertEquals(List.of(0.3, 0.35), ys(series.get(1)));
        List<Double> paper = ys(IterationOverlayChart.series(vm.overlay(), Metric.FGSM_PAPER).get(1));
        assertEquals(0.4, paper.get(0), 1e-9);
        assertEquals(0.45, paper.get(1), 1e-9);

        vm.selection().remove(1);
        assertTrue(vm.overlay().isEmpty());
    }

    @Test
    void runs_of_one_name_are_told_apart_by_their_date_in_the_overlay() throws Exception {
        RunFolders.finished(root, "x1", config("same", UnlearningStrategy.LOSS_RANKED), RunStatus.COMPLETE, true, 0.1);
        RunFolders.finished(root, "x2", config("same", UnlearningStrategy.LOSS_RANKED), RunStatus.COMPLETE, true, 0.2);
        RunsViewModel vm = listed();

        vm.selection().setAll(vm.runs());

        vm.overlay().forEach(c -> assertTrue(c.name().startsWith("same (") && c.name().endsWith(")"), c.name()));
    }

    @Test
    void open_shows_the_run_on_the_unlearning_page() throws Exception {
        twoRuns();
        List<Path> opened = new ArrayList<>();
        context.runToOpenProperty().addListener((obs, old, request) -> opened.add(request.subject()));
        RunsViewModel vm = listed();
        vm.selection().setAll(named(vm, "beta"));

        vm.openSelected();
        vm.openSelected();

        assertEquals(List.of(root.resolve("b"), root.resolve("b")), opened, "asking twice is two requests");
        assertEquals(WorkbenchPage.UNLEARNING, context.pageProperty().get());
    }

    @Test
    void rerun_loads_the_runs_config_into_the_experiment_page() throws Exception {
        twoRuns();
        List<ExperimentConfig> loaded = new ArrayList<>();
        context.configToRerunProperty().addListener((obs, old, request) -> loaded.add(request.subject()));
        context.pageProperty().set(WorkbenchPage.RUNS);
        RunsViewModel vm = listed();
        vm.selection().setAll(named(vm, "beta"));

        vm.rerunSelected();

        ExperimentConfig beta = config("beta", UnlearningStrategy.RANDOM);
        assertEquals(List.of(beta), loaded);
        assertEquals(beta, context.experimentConfigProperty().get());
        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
    }

    @Test
    void open_and_rerun_need_exactly_one_run() throws Exception {
        twoRuns();
        RunsViewModel vm = listed();
        vm.selection().setAll(vm.runs());

        vm.openSelected();

        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get(), "unchanged");
        assertEquals("Select one run to open", vm.messageProperty().get());
    }

    @Test
    void another_runs_folder_can_be_shown_but_not_one_inside_the_install() throws Exception {
        Path other = temp.resolve("elsewhere");
        RunFolders.finished(other, "o", config("other", UnlearningStrategy.LOSS_RANKED), RunStatus.COMPLETE, true, 0.1);
        RunsViewModel vm = listed();

        assertFalse(vm.chooseRoot(temp.resolve("install").resolve("runs")));
        assertEquals(root, vm.rootProperty().get());
        assertTrue(vm.messageProperty().get().contains("install folder"), vm.messageProperty().get());

        assertTrue(vm.chooseRoot(other));
        assertEquals(List.of("other"), names(vm.runs()));
        assertFalse(vm.showingAppRoot());

        vm.useAppRoot();
        assertTrue(vm.runs().isEmpty());
        assertTrue(vm.showingAppRoot());
    }

    @Test
    void copies_the_selected_folder_path() throws Exception {
        RunFolder run = store.create(ExperimentConfig.defaults().withName("copy me"));
        RunsViewModel vm = listed();
        vm.selection().setAll(vm.runs().get(0));
        List<String> clipboard = new ArrayList<>();

        vm.copySelectedFolder(clipboard::add);

        assertEquals(List.of(run.path().toAbsolutePath().toString()), clipboard);
    }

    private static List<String> names(List<RunRow> rows) {
        return rows.stream().map(RunRow::name).toList();
    }

    private static List<Integer> xs(XYChart.Series<Number, Number> s) {
        return s.getData().stream().map(d -> d.getXValue().intValue()).toList();
    }

    private static List<Double> ys(XYChart.Series<Number, Number> s) {
        return s.getData().stream().map(d -> d.getYValue().doubleValue()).toList();
    }

    /** The test's context again, with a resume engine that notes the folders it is asked to continue. */
    private List<Path> resumingInto() {
        List<Path> resumed = new ArrayList<>();
        context = new AppContext(new CurrentThreadTaskExecutor(), new CurrentThreadTaskExecutor(), store, null,
                (folder, listener, token) -> {
                    resumed.add(folder);
                    return null;
                });
        return resumed;
    }

    @Test
    void resume_continues_a_stopped_run_through_the_session_and_shows_it_live() throws Exception {
        twoRuns();
        RunFolder beta = RunFolder.open(root.resolve("b"));
        // A resume state as the engine leaves it after iteration 1 (the model part is not read on this path).
        beta.writeCheckpoint(zip -> new java.util.zip.ZipOutputStream(Files.newOutputStream(zip)).close(),
                new LoopState(1, LoopState.encode(new java.util.Random(1)), null, 0, 0));
        List<Path> resumed = resumingInto();
        RunsViewModel vm = listed();

        vm.selection().setAll(named(vm, "alpha"));
        assertFalse(vm.resumableProperty().get(), "a complete run has nothing to resume");
        vm.resumeSelected();
        assertEquals("'alpha' is complete: only an incomplete, cancelled or failed run can be resumed",
                vm.messageProperty().get());
        assertTrue(resumed.isEmpty());

        vm.selection().setAll(named(vm, "beta"));
        assertTrue(vm.resumableProperty().get());
        vm.resumeSelected();
        assertEquals(List.of(root.resolve("b")), resumed, "the engine use case got the folder");
        assertEquals(WorkbenchPage.UNLEARNING, context.pageProperty().get());
        assertEquals("beta", context.experimentSession().configProperty().get().name());
        assertEquals("Resuming beta after iteration 1 on the Unlearning page", vm.messageProperty().get());
    }

    @Test
    void resume_refuses_a_run_recorded_without_resume_state() throws Exception {
        twoRuns();
        List<Path> resumed = resumingInto();
        RunsViewModel vm = listed();
        vm.selection().setAll(named(vm, "beta"));
        vm.resumeSelected();
        assertTrue(resumed.isEmpty());
        assertTrue(vm.messageProperty().get().startsWith("Cannot resume beta: " + root.resolve("b")
                + ": the run has no resume state"), vm.messageProperty().get());
        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
    }
}
