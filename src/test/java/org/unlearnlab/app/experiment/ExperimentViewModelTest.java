package org.unlearnlab.app.experiment;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.runs.RunStore;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.TrainingProgress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentViewModelTest {
    @TempDir
    Path temp;

    private final List<ExperimentConfig> started = new ArrayList<>();
    private AppContext context;
    private ExperimentViewModel vm;

    @BeforeEach
    void setUp() {
        context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")),
                (config, listener, token) -> {
                    started.add(config);
                    return new RunOutcome(null, StopReason.BUDGET_EXHAUSTED, List.of(), List.of(), 0, 1, null);
                });
        vm = new ExperimentViewModel(context, new PresetLibrary(Path.of("sample-configs")));
    }

    @Test
    void the_defaults_are_runnable() {
        assertTrue(vm.runnableProperty().get(), () -> vm.runBlockedReasonProperty().get());
        assertEquals("", vm.runBlockedReasonProperty().get());
    }

    @Test
    void an_epsilon_above_one_blocks_run_with_a_reason_naming_the_field() {
        vm.epsilonProperty().set("1.5");

        assertFalse(vm.runnableProperty().get());
        assertTrue(vm.runBlockedReasonProperty().get().contains("attack.epsilon"),
                vm.runBlockedReasonProperty().get());
        assertTrue(vm.runBlockedReasonProperty().get().contains("must be between 0 and 1"));
        assertEquals("must be between 0 and 1", vm.problemFor("attack.epsilon"));
        assertNull(vm.problemFor("training.epochs"));
    }

    @Test
    void text_that_is_not_a_number_is_reported_at_its_field_and_the_rest_is_still_checked() {
        vm.learningRateProperty().set("fast");
        vm.epochsProperty().set("0");

        assertEquals("is not a number", vm.problemFor("training.learningRate"));
        assertEquals("must be between 1 and 1000", vm.problemFor("training.epochs"));
        assertTrue(vm.currentConfig().isEmpty(), "no config while a field does not parse");
        assertFalse(vm.runnableProperty().get());
        assertEquals("fast", vm.learningRateProperty().get(), "what the user typed stays");
    }

    @Test
    void fixing_the_field_makes_it_runnable_again() {
        vm.epsilonProperty().set("1.5");
        vm.epsilonProperty().set("0.2");

        assertTrue(vm.runnableProperty().get());
        assertEquals(0.2, context.experimentConfigProperty().get().attack().epsilon());
    }

    @Test
    void slider_and_text_follow_each_other() {
        vm.epsilonProperty().set("0.25");
        assertEquals(0.25, vm.epsilonSliderProperty().get(), 1e-9);

        vm.epsilonSliderProperty().set(0.3);
        assertEquals("0.3", vm.epsilonProperty().get());

        vm.epsilonProperty().set("0.8");
        assertEquals(ExperimentViewModel.EPSILON_SLIDER_MAX, vm.epsilonSliderProperty().get(), 1e-9);
        assertEquals("0.8", vm.epsilonProperty().get(), "the slider's clamp does not rewrite the exact value");
    }

    @Test
    void a_decimal_comma_is_accepted() {
        vm.epsilonProperty().set("0,15");
        assertNull(vm.problemFor("attack.epsilon"));
        assertEquals(0.15, vm.currentConfig().orElseThrow().attack().epsilon());
    }

    @Test
    void loading_the_classroom_preset_fills_the_fields() {
        ConfigPreset classroom = vm.presets().stream().filter(p -> p.config().name().equals("classroom"))
                .findFirst().orElseThrow();
        assertEquals("Classroom", classroom.title());

        vm.applyPreset(classroom);

        assertEquals("classroom", vm.nameProperty().get());
        assertEquals("12000", vm.trainLimitProperty().get());
        assertEquals("2000", vm.testLimitProperty().get());
        assertEquals("2", vm.epochsProperty().get());
        assertEquals("3000", vm.poolSizeProperty().get());
        assertEquals("0.02", vm.pgdStepSizeProperty().get());
        assertEquals(ModelPreset.LENET5, vm.presetProperty().get());
        assertTrue(vm.runnableProperty().get(), () -> vm.runBlockedReasonProperty().get());
        assertEquals(12000, context.experimentConfigProperty().get().data().trainLimit());
    }

    @Test
    void presets_come_in_teaching_order() {
        assertEquals("Classroom", vm.presets().get(0).title());
        assertEquals("Paper", vm.presets().get(1).title());
    }

    @Test
    void the_paper_protocol_presets_are_offered_with_readable_titles() {
        var lenet = vm.presets().stream().filter(p -> p.title().equals("Paper protocol: LeNet (Fig. 4)")).findFirst();
        assertTrue(lenet.isPresent(), () -> vm.presets().toString());
        vm.applyPreset(lenet.get());
        assertEquals(ModelPreset.PAPER_LENET, vm.presetProperty().get());
        assertEquals("15", vm.retrainEpochsProperty().get());
        assertEquals(org.unlearnlab.engine.config.RankingSource.TRAIN, vm.rankingSourceProperty().get());
        assertFalse(vm.stopAtThresholdProperty().get());
    }

    @Test
    void save_then_load_gives_back_the_same_config() {
        vm.nameProperty().set("round trip");
        vm.strategyProperty().set(UnlearningStrategy.RANDOM);
        vm.epsilonProperty().set("0.07");
        ExperimentConfig saved = vm.currentConfig().orElseThrow();
        Path file = temp.resolve("rt.json");

        assertTrue(vm.saveFile(file));
        vm.load(ExperimentConfig.defaults());
        assertTrue(vm.loadFile(file));

        assertEquals(saved, vm.currentConfig().orElseThrow());
        assertEquals("Loaded rt.json", vm.messageProperty().get());
    }

    @Test
    void a_file_with_a_bad_value_loads_and_marks_the_field() throws Exception {
        Path file = temp.resolve("bad.json");
        Files.writeString(file, "{\"attack\": {\"epsilon\": 1.5}}");

        assertTrue(vm.loadFile(file));

        assertEquals("1.5", vm.epsilonProperty().get());
        assertFalse(vm.runnableProperty().get());
    }

    @Test
    void a_file_that_is_not_a_config_reports_why_and_keeps_the_form() throws Exception {
        Path file = temp.resolve("junk.json");
        Files.writeString(file, "[1, 2]");
        vm.nameProperty().set("kept");

        assertFalse(vm.loadFile(file));

        assertTrue(vm.messageProperty().get().startsWith(file.toString()), vm.messageProperty().get());
        assertEquals("kept", vm.nameProperty().get());
    }

    @Test
    void run_starts_the_experiment_and_shows_the_unlearning_page() {
        vm.nameProperty().set("go");

        vm.run();

        assertEquals(1, started.size());
        assertEquals("go", started.get(0).name());
        assertEquals(WorkbenchPage.UNLEARNING, context.pageProperty().get());
    }

    @Test
    void run_does_nothing_while_the_config_is_invalid() {
        vm.epsilonProperty().set("1.5");
        vm.run();
        assertTrue(started.isEmpty());
        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
    }

    @Test
    void cancel_run_stops_the_running_experiment() {
        List<Boolean> cancelledSeen = new ArrayList<>();
        AppContext ctx = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("r2")),
                (config, listener, token) -> {
                    // The user presses Cancel run while the engine works.
                    vm2.cancelRun();
                    cancelledSeen.add(token.isCancelled());
                    return new RunOutcome(null, StopReason.CANCELLED, List.of(), List.of(), 0, 1, null);
                });
        vm2 = new ExperimentViewModel(ctx, new PresetLibrary(Path.of("sample-configs")));

        vm2.run();

        assertEquals(List.of(true), cancelledSeen);
        assertFalse(vm2.experimentRunningProperty().get());
        assertEquals(org.unlearnlab.app.services.RunMonitor.Status.CANCELLED,
                ctx.experimentSession().statusProperty().get());
    }

    private ExperimentViewModel vm2;

    @Test
    void the_saved_json_is_what_the_engine_reads() throws Exception {
        Path file = temp.resolve("x.json");
        vm.saveFile(file);
        assertEquals(vm.currentConfig().orElseThrow(), ConfigFiles.read(file));
    }

    @Test
    void run_again_on_the_runs_page_fills_the_form_with_that_runs_config() {
        ExperimentConfig again = ExperimentConfig.defaults().withName("from the runs page")
                .withTraining(new ExperimentConfig.Training(3, 32, 5e-4, 11));

        context.rerun(again);

        assertEquals("from the runs page", vm.nameProperty().get());
        assertEquals("3", vm.epochsProperty().get());
        assertEquals(again, vm.currentConfig().orElseThrow());
        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
    }

    @Test
    void a_new_user_starts_from_the_classroom_demo_but_a_config_already_set_up_is_kept() {
        vm.preferClassroomDemoToDefaults();
        assertEquals(ExperimentViewModel.CLASSROOM, vm.nameProperty().get());

        context.experimentConfigProperty().set(ExperimentConfig.defaults().withName("mine"));
        ExperimentViewModel later = new ExperimentViewModel(context, new PresetLibrary(Path.of("sample-configs")));
        later.preferClassroomDemoToDefaults();
        assertEquals("mine", later.nameProperty().get());
    }

    @Test
    void a_running_experiment_shows_iteration_i_of_n_and_the_whole_runs_time_left() {
        long[] now = {1_000_000};
        List<String> seen = new ArrayList<>();
        ExperimentViewModel[] self = new ExperimentViewModel[1];
        AppContext ctx = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs2")),
                (config, listener, token) -> {
                    now[0] += 5_000;
                    listener.trainingProgress(new TrainingProgress("initial", 1, 2, 1, 10, 2.0, 100, 5_000, 55_000));
                    seen.add(self[0].runProgressProperty().get());
                    now[0] += 55_000;
                    listener.iterationFinished(iteration(0, 3_000));
                    seen.add(self[0].runProgressProperty().get());
                    now[0] += 40_000;
                    listener.iterationFinished(iteration(1, 40_000));
                    seen.add(self[0].runProgressProperty().get());
                    now[0] += 50_000;
                    listener.iterationFinished(iteration(2, 50_000));
                    seen.add(self[0].runProgressProperty().get());
                    return new RunOutcome(null, StopReason.BUDGET_EXHAUSTED, List.of(), List.of(), 0, 150_000, null);
                });
        ctx.experimentSession().monitor().setClock(() -> now[0]);
        ExperimentViewModel model = new ExperimentViewModel(ctx, new PresetLibrary(Path.of("sample-configs")));
        self[0] = model;
        model.epochsProperty().set("2");
        model.retrainProperty().set(RetrainMode.CONTINUE);
        model.retrainEpochsProperty().set("1");
        model.maxIterationsProperty().set("4");
        model.stopAtThresholdProperty().set(false);
        assertEquals("", model.runProgressProperty().get(), "nothing before the first run");

        model.run();

        assertEquals(List.of(
                "Initial training, then 4 iterations · 0:05 elapsed",
                // Guessed from the initial minute at half its epochs: 4 iterations of 30 s.
                "Iteration 1 of 4 · 0 done · 1:00 elapsed · about 2:00 left",
                "Iteration 2 of 4 · 1 done · 1:40 elapsed · about 2:00 left",
                // Measured now: 45 s on average, two to go.
                "Iteration 3 of 4 · 2 done · 2:30 elapsed · about 1:30 left"), seen);
        assertEquals("2 of 4 iterations done in 2:30", model.runProgressProperty().get());
    }

    private static IterationMetrics iteration(int i, long millis) {
        AttackSummary a = new AttackSummary("fgsm-stable", 0.1, 0.2 + i / 10.0, 1.0, 0, 100);
        return new IterationMetrics(i, 1000 - 10 * i, 10 * i, new CleanSummary(0.98, 0.05, 100), a, a, a, 100,
                millis, false);
    }

    private ConfigPreset preset(String name) {
        return vm.presets().stream().filter(p -> p.config().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void a_forget_preset_runs_its_forget_request_and_keeps_its_forget_section() {
        vm.applyPreset(preset("forget-sisa"));
        assertTrue(vm.runKindProperty().get().contains("forget request with sisa"), vm.runKindProperty().get());

        vm.run();

        assertEquals(1, started.size());
        assertEquals(preset("forget-sisa").config().forget(), started.get(0).forget(),
                "the form does not edit the forget section, but it must not drop it");
        assertEquals(WorkbenchPage.UNLEARNING, context.pageProperty().get());
    }

    @Test
    void an_edited_field_of_a_forget_config_still_runs_the_forget_request() {
        vm.applyPreset(preset("forget-retrain"));
        vm.epochsProperty().set("1");

        vm.run();

        assertEquals(1, started.get(0).training().epochs());
        assertEquals("retrain", started.get(0).forget().method().id());
    }

    @Test
    void a_backdoor_config_is_handed_to_the_backdoor_page_instead_of_the_papers_loop() {
        vm.applyPreset(preset("backdoor-sau"));
        assertTrue(vm.runKindProperty().get().contains("Backdoor page"), vm.runKindProperty().get());

        vm.run();

        assertTrue(started.isEmpty(), "the paper's loop must not run a backdoor config");
        assertEquals(WorkbenchPage.BACKDOOR, context.pageProperty().get());
        assertEquals(preset("backdoor-sau").config().backdoor(), context.experimentConfigProperty().get().backdoor());
    }

    @Test
    void a_config_of_the_papers_loop_still_runs_the_loop() {
        vm.applyPreset(preset("forget-retrain"));
        vm.applyPreset(preset("classroom"));

        vm.run();

        assertNull(started.get(0).forget(), "the previous preset's forget section must not stick");
        assertEquals("Run runs the paper's unlearning loop", vm.runKindProperty().get());
    }
}
