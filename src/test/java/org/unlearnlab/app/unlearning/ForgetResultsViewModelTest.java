package org.unlearnlab.app.unlearning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.experiment.ForgetFolders;
import org.unlearnlab.engine.experiment.RunAudit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForgetResultsViewModelTest {
    @TempDir
    Path temp;

    private final List<Path> audited = new ArrayList<>();

    private ForgetResultsViewModel vm(ForgetResultsViewModel.AuditBackend backend) {
        return new ForgetResultsViewModel(new CurrentThreadTaskExecutor(), backend);
    }

    private ForgetResultsViewModel vm() {
        return vm((folder, events, token) -> {
            audited.add(folder);
            ForgetFolders.writeAudit(folder, "fisher", 0.61, false);
            return RunAudit.read(folder);
        });
    }

    private ForgetRunData folder(String name, org.unlearnlab.engine.experiment.ForgetResult r) throws IOException {
        return ForgetRunData.read(ForgetFolders.write(temp.resolve(name), r));
    }

    @Test
    void a_run_of_the_papers_loop_is_not_a_forget_run() throws IOException {
        Path dir = temp.resolve("loop");
        org.unlearnlab.engine.runs.RunFolder.createAt(dir, org.unlearnlab.engine.config.ExperimentConfig.defaults());
        assertEquals(null, ForgetRunData.read(dir));
    }

    @Test
    void original_method_and_gold_rows_with_distance_and_every_hyper_parameter() throws IOException {
        ForgetResultsViewModel vm = vm();
        vm.show(folder("infl", ForgetFolders.result("influence", false, null, 0.93)));

        assertTrue(vm.showingProperty().get());
        assertEquals(List.of("original", "influence", "gold (retrained)"),
                vm.figures().stream().map(ForgetResultsViewModel.FigureRow::model).toList());
        ForgetResultsViewModel.FigureRow method = vm.figures().get(1);
        assertEquals("0.9300", method.test());
        assertEquals("0.9200", method.forget());
        assertEquals("0:01", method.time());
        assertTrue(vm.distanceProperty().get().contains("agreement 0.9700"), vm.distanceProperty().get());
        assertEquals("", vm.collapseWarningProperty().get());
        assertTrue(vm.hyperParameters().contains("forget.method = influence"), vm.hyperParameters().toString());
        assertTrue(vm.hyperParameters().stream().anyMatch(h -> h.startsWith("forget.influence.depth = ")));
        assertTrue(vm.hyperParameters().stream().anyMatch(h -> h.startsWith("training.learningRate = ")));
        assertTrue(vm.epsilonBins().isEmpty());
        assertTrue(vm.sweep().isEmpty());
        assertTrue(vm.auditRows().isEmpty());
        assertTrue(vm.auditNoteProperty().get().startsWith("Not audited yet"));
    }

    @Test
    void a_collapsed_method_is_said_in_plain_words() throws IOException {
        ForgetResultsViewModel vm = vm();
        vm.show(folder("fisher", ForgetFolders.result("fisher", false,
                "collapsed: class 1 takes 100% of test predictions", 0.11)));

        String w = vm.collapseWarningProperty().get();
        assertTrue(w.contains("fisher model collapsed: class 1 takes 100% of test predictions"), w);
        assertTrue(w.contains("forgot everything"), w);
    }

    @Test
    void repeats_show_mean_and_standard_deviation() throws IOException {
        ForgetResultsViewModel vm = vm();
        vm.show(folder("rep", ForgetFolders.result("influence", false, null, 0.90, 0.92, 0.94)));

        assertEquals("0.9200 ± 0.0200", vm.figures().get(1).test());
        assertEquals("2.0 ± 1.0 s", vm.figures().get(1).time());
        assertTrue(vm.repeatsNoteProperty().get().contains("over 3 repeats (seeds 42 to 44)"),
                vm.repeatsNoteProperty().get());
    }

    @Test
    void sisa_names_the_retrained_shards_and_the_ensemble_before_the_request() throws IOException {
        ForgetResultsViewModel vm = vm();
        vm.show(folder("sisa", ForgetFolders.result("sisa", false, null, 0.91)));

        assertEquals("sisa before the request", vm.figures().get(1).model());
        assertEquals("SISA retrained shard 2 from slice 3 (3 slices, 7 rows forgotten).",
                vm.sisaRetrainedProperty().get());
    }

    @Test
    void a_sweep_gives_one_chart_point_per_share() throws IOException {
        ForgetResultsViewModel vm = vm();
        vm.show(folder("sweep", ForgetFolders.result("sisa", true, null, 0.93, 0.92, 0.90)));

        assertEquals(3, vm.sweep().size());
        assertEquals(5.0, vm.sweep().get(0).percent(), 1e-9);
        assertEquals(15.0, vm.sweep().get(2).percent(), 1e-9);
        assertEquals(0.90, vm.sweep().get(2).method(), 1e-9);
        assertEquals(0.94, vm.sweep().get(2).gold(), 1e-9);
        assertEquals("", vm.repeatsNoteProperty().get(), "a sweep's points are not repeats");
        assertTrue(vm.headingProperty().get().contains("(50 rows forgotten, 950 remain) at the first share"),
                vm.headingProperty().get());
        assertFalse(vm.auditableProperty().get(), "a sweep keeps no forget set to audit");
    }

    @Test
    void amun_epsilons_become_a_histogram_with_the_unflipped_ones_apart() throws IOException {
        Path dir = ForgetFolders.write(temp.resolve("amun"), ForgetFolders.result("amun", false, null, 0.9));
        ForgetFolders.writeEpsilons(dir);
        ForgetResultsViewModel vm = vm();
        vm.show(ForgetRunData.read(dir));

        assertEquals(List.of(new ForgetResultsViewModel.Bin("0.0100", 1), new ForgetResultsViewModel.Bin("0.0225", 1),
                new ForgetResultsViewModel.Bin("not flipped", 1)), vm.epsilonBins());
        assertTrue(vm.epsilonSummaryProperty().get().startsWith("2 of 3 forgotten samples flipped"),
                vm.epsilonSummaryProperty().get());
    }

    @Test
    void the_audit_runs_in_the_background_and_shows_method_beside_gold_with_the_uninformative_statement()
            throws IOException {
        ForgetResultsViewModel vm = vm();
        ForgetRunData data = folder("fisher", ForgetFolders.result("fisher", false, null, 0.9));
        vm.show(data);
        assertTrue(vm.auditableProperty().get());

        vm.runAudit();

        assertEquals(List.of(data.folder()), audited);
        assertFalse(vm.auditRunningProperty().get());
        assertEquals(9, vm.auditRows().size(), "three attacks x original, fisher, gold");
        assertEquals(new ForgetResultsViewModel.AuditRow("loss", "fisher", "0.610 / 0.600", "0.550 / 0.530",
                "0.500 / 0.500"), vm.auditRows().get(1));
        assertEquals("gold", vm.auditRows().get(2).model());
        assertTrue(vm.auditUninformativeProperty().get());
        assertTrue(vm.auditNoteProperty().get().startsWith("Uninformative: even the gold model"),
                vm.auditNoteProperty().get());
        assertNotNull(vm.runProperty().get().audit(), "the new audit belongs to the run on show");
    }

    @Test
    void an_audit_already_in_the_folder_is_shown_when_the_run_opens() throws IOException {
        Path dir = ForgetFolders.write(temp.resolve("r"), ForgetFolders.result("retrain", false, null, 0.94));
        ForgetFolders.writeAudit(dir, "retrain", 0.5, true);
        ForgetResultsViewModel vm = vm();
        vm.show(ForgetRunData.read(dir));

        assertEquals(6, vm.auditRows().size(), "three attacks x original, gold");
        assertEquals("gold (= retrain)", vm.auditRows().get(1).model());
        assertFalse(vm.auditUninformativeProperty().get());
        assertEquals(List.of("original", "retrain = gold"),
                vm.figures().stream().map(ForgetResultsViewModel.FigureRow::model).toList());
    }

    @Test
    void a_cancelled_audit_says_so_and_leaves_the_run_unaudited() throws IOException {
        ForgetResultsViewModel[] holder = new ForgetResultsViewModel[1];
        ForgetResultsViewModel vm = vm((folder, events, token) -> {
            holder[0].cancelAudit();
            token.throwIfCancelled();
            throw new AssertionError("the token must stop the audit");
        });
        holder[0] = vm;
        vm.show(folder("c", ForgetFolders.result("fisher", false, null, 0.9)));

        vm.runAudit();

        assertEquals("Audit cancelled.", vm.auditStatusProperty().get());
        assertFalse(vm.auditRunningProperty().get());
        assertTrue(vm.auditRows().isEmpty());
        assertTrue(vm.auditableProperty().get(), "it can be started again");
    }

    @Test
    void a_failed_audit_names_the_reason() throws IOException {
        ForgetResultsViewModel vm = vm((folder, events, token) -> {
            throw new IOException(folder + ": the run has no forget set");
        });
        vm.show(folder("f", ForgetFolders.result("fisher", false, null, 0.9)));

        vm.runAudit();

        assertTrue(vm.auditStatusProperty().get().startsWith("Audit failed: "), vm.auditStatusProperty().get());
        assertTrue(vm.auditStatusProperty().get().contains("has no forget set"));
    }

    @Test
    void showing_nothing_clears_every_figure() throws IOException {
        ForgetResultsViewModel vm = vm();
        vm.show(folder("x", ForgetFolders.result("sisa", true, "collapsed: x", 0.5, 0.4)));
        vm.show(null);

        assertFalse(vm.showingProperty().get());
        assertTrue(vm.figures().isEmpty());
        assertTrue(vm.sweep().isEmpty());
        assertEquals("", vm.collapseWarningProperty().get());
        assertFalse(vm.auditableProperty().get());
    }
}
