package org.unlearnlab.app.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.experiment.ExperimentConfig;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunsViewModelTest {
    @TempDir
    Path temp;

    @Test
    void lists_the_run_folders_of_the_store() throws Exception {
        RunStore store = new RunStore(temp.resolve("runs"));
        RunFolder run = store.create(ExperimentConfig.defaults().withName("first"));
        run.finish(RunStatus.CANCELLED, "cancelled by the user");
        RunsViewModel vm = new RunsViewModel(new AppContext(new CurrentThreadTaskExecutor(), store));

        vm.refresh();

        assertEquals(1, vm.runs().size());
        RunRow row = vm.runs().get(0);
        assertEquals("first", row.name());
        assertEquals(RunStatus.CANCELLED, row.status());
        assertEquals("Loss-ranked removal (paper)", row.strategy());
        assertEquals("LeNet-5 (classic)", row.model());
        assertTrue(Double.isNaN(row.clean()), "no evaluation yet");
        assertEquals(run.path(), row.folder());
    }

    @Test
    void an_empty_store_says_where_runs_will_appear() {
        RunStore store = new RunStore(temp.resolve("none"));
        RunsViewModel vm = new RunsViewModel(new AppContext(new CurrentThreadTaskExecutor(), store));

        vm.refresh();

        assertTrue(vm.runs().isEmpty());
        assertTrue(vm.messageProperty().get().startsWith("No runs yet"), vm.messageProperty().get());
    }

    @Test
    void copies_the_selected_folder_path() throws Exception {
        RunStore store = new RunStore(temp.resolve("runs"));
        RunFolder run = store.create(ExperimentConfig.defaults().withName("copy me"));
        RunsViewModel vm = new RunsViewModel(new AppContext(new CurrentThreadTaskExecutor(), store));
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        List<String> clipboard = new ArrayList<>();

        vm.copySelectedFolder(clipboard::add);

        assertEquals(List.of(run.path().toAbsolutePath().toString()), clipboard);
    }
}
