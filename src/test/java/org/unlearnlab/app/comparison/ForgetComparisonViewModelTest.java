package org.unlearnlab.app.comparison;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.experiment.ForgetFolders;
import org.unlearnlab.engine.report.ForgetSideBySide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForgetComparisonViewModelTest {
    @TempDir
    Path temp;

    private final ForgetComparisonViewModel vm = new ForgetComparisonViewModel(new CurrentThreadTaskExecutor());

    @Test
    void a_folder_of_runs_adds_every_forget_run_in_it_once() throws IOException {
        ForgetFolders.write(temp.resolve("b-fisher"), ForgetFolders.result("fisher", false, "collapsed: c", 0.1));
        ForgetFolders.write(temp.resolve("a-influence"), ForgetFolders.result("influence", false, null, 0.93));
        Files.createDirectories(temp.resolve("not-a-run"));

        vm.add(temp);
        vm.add(temp.resolve("a-influence"));

        assertEquals(2, vm.rows().size(), "a folder added again is read again in place");
        assertEquals("a-influence", vm.rows().get(0).label());
        assertEquals("fisher", vm.rows().get(1).method());
        assertTrue(vm.showingProperty().get());
        assertTrue(vm.requestNoteProperty().get().startsWith("Request: a random share (100 of 1000)."),
                vm.requestNoteProperty().get());
        assertTrue(vm.requestNoteProperty().get().contains("1 method collapsed"), vm.requestNoteProperty().get());
        assertEquals(ForgetSideBySide.header().size(), vm.cells(vm.rows().get(0)).size());
    }

    @Test
    void runs_of_different_requests_are_flagged() throws IOException {
        vm.add(ForgetFolders.write(temp.resolve("a"), ForgetFolders.result("influence", false, null, 0.93)));
        vm.add(ForgetFolders.write(temp.resolve("s"), ForgetFolders.result("sisa", true, null, 0.9, 0.8)));

        assertTrue(vm.requestNoteProperty().get().startsWith("Caution: these runs answered 2 different requests"),
                vm.requestNoteProperty().get());
        vm.remove(vm.rows().get(1));
        assertFalse(vm.requestNoteProperty().get().startsWith("Caution"));
    }

    @Test
    void a_folder_without_forget_runs_says_so_and_adds_nothing() {
        vm.add(temp);

        assertTrue(vm.rows().isEmpty());
        assertTrue(vm.messageProperty().get().contains("no forget run here"), vm.messageProperty().get());
        assertFalse(vm.showingProperty().get());
    }

    @Test
    void clear_empties_the_table() throws IOException {
        vm.add(ForgetFolders.write(temp.resolve("a"), ForgetFolders.result("amun", false, null, 0.9)));
        vm.clear();
        assertTrue(vm.rows().isEmpty());
        assertEquals("", vm.requestNoteProperty().get());
    }
}
