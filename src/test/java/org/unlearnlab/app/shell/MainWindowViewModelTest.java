package org.unlearnlab.app.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.experiment.ExperimentViewModel;
import org.unlearnlab.app.experiment.PresetLibrary;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the menu bar's items and shortcuts do to the app's state. */
class MainWindowViewModelTest {
    @TempDir
    Path temp;

    private AppContext context() {
        return new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")));
    }

    @Test
    void page_n_is_the_nth_of_the_page_list_and_past_the_end_nothing_happens() {
        AppContext context = context();
        MainWindowViewModel vm = new MainWindowViewModel(context);
        assertEquals(List.of(WorkbenchPage.values()), vm.pages());
        for (int n = 1; n <= vm.pages().size(); n++) {
            vm.showPage(n);
            assertEquals(WorkbenchPage.values()[n - 1], context.pageProperty().get());
        }
        vm.showPage(2);
        vm.showPage(vm.pages().size() + 1);
        vm.showPage(0);
        assertEquals(WorkbenchPage.values()[1], context.pageProperty().get());
    }

    @Test
    void every_page_has_its_shortcut_listed_in_help() {
        MainWindowViewModel vm = new MainWindowViewModel(context());
        List<String> keys = vm.shortcuts().stream().map(r -> r[0] + " " + r[1]).toList();
        for (int n = 1; n <= vm.pages().size(); n++) {
            assertTrue(keys.contains("Ctrl+" + n + " " + vm.pages().get(n - 1).label()), keys::toString);
        }
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("F11 ")));
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("F5 ")));
    }

    @Test
    void presentation_mode_and_full_screen_toggle_apart() {
        MainWindowViewModel vm = new MainWindowViewModel(context());
        vm.togglePresentationMode();
        assertTrue(vm.presentationModeProperty().get());
        assertFalse(vm.fullScreenProperty().get());
        vm.toggleFullScreen();
        vm.togglePresentationMode();
        assertFalse(vm.presentationModeProperty().get());
        assertTrue(vm.fullScreenProperty().get());
    }

    @Test
    void save_and_open_go_through_the_experiment_page_and_say_so_in_the_status_bar() throws Exception {
        AppContext context = context();
        ExperimentViewModel experiment = new ExperimentViewModel(context, new PresetLibrary(Path.of("sample-configs")));
        MainWindowViewModel vm = new MainWindowViewModel(context, () -> experiment);
        experiment.nameProperty().set("menu-saved");
        Path file = temp.resolve("saved.json");
        assertTrue(vm.saveConfig(file));
        assertEquals("menu-saved", ConfigFiles.read(file).name());
        assertEquals("Saved saved.json", context.statusMessageProperty().get());
        assertEquals("menu-saved.json", vm.configFileName());

        Path other = temp.resolve("other.json");
        ConfigFiles.write(ExperimentConfig.defaults(), other);
        context.pageProperty().set(WorkbenchPage.RUNS);
        vm.openConfig(other);
        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
        assertEquals(ExperimentConfig.defaults().name(), experiment.nameProperty().get());
        assertTrue(Files.exists(other));
    }

    @Test
    void run_with_an_invalid_form_shows_the_experiment_page_and_why() {
        AppContext context = context();
        ExperimentViewModel experiment = new ExperimentViewModel(context, new PresetLibrary(Path.of("sample-configs")));
        MainWindowViewModel vm = new MainWindowViewModel(context, () -> experiment);
        experiment.epochsProperty().set("zero");
        context.pageProperty().set(WorkbenchPage.ATTACK_LAB);
        vm.runExperiment();
        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
        assertTrue(context.statusMessageProperty().get().startsWith("Cannot run"),
                context.statusMessageProperty().get());
        assertFalse(vm.runningProperty().get());
        vm.cancelRun();
        assertTrue(context.statusMessageProperty().get().startsWith("Cannot run"), "nothing to cancel: unchanged");
    }

    @Test
    void about_names_version_platform_and_carries_the_licences() {
        MainWindowViewModel vm = new MainWindowViewModel(context());
        assertTrue(vm.aboutText().contains("Linux x86-64 with AVX2"), vm.aboutText());
        String licences = vm.licenceText();
        assertTrue(licences.contains("Apache License"), "LICENSE bundled");
        assertTrue(licences.contains("CC BY-SA 3.0") && licences.contains("Corinna Cortes"), "notices bundled");
    }
}
