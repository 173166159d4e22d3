package org.unlearnlab.app.common.diagnostics;

import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.diagnostics.DiagnosticCheck;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelDiagnosticsViewModelTest {

    private static DiagnosticsReport report(String model, Verdict v) {
        AttackSummary a = new AttackSummary("fgsm-stable", 0.1, 0.5, 1, 0, 1000);
        return new DiagnosticsReport(model, 1000, 0.1, new CleanSummary(0.99, 0.03, 1000), a, a, a, null, null,
                List.of(), List.of(new DiagnosticCheck("zero-gradient", "Zero gradients", v, "Sentence.")), null);
    }

    @Test
    void diagnoses_the_current_model_with_the_subset_and_settings_it_was_given() {
        List<String> calls = new ArrayList<>();
        ModelDiagnosticsViewModel vm = new ModelDiagnosticsViewModel(new CurrentThreadTaskExecutor(),
                (name, config, subset, progress, token) -> {
                    calls.add(name + " " + subset + " " + config.attack().epsilon());
                    progress.accept("clean 0.99");
                    return report(name, Verdict.FAIL);
                });
        vm.diagnose("LeNet-5", ExperimentConfig.defaults());
        assertEquals(List.of("LeNet-5 1000 " + ExperimentConfig.defaults().attack().epsilon()), calls);
        assertEquals(Verdict.FAIL, vm.reportProperty().get().overall());
        assertEquals("Diagnosed LeNet-5 on 1,000 test images: FAIL", vm.statusProperty().get());
        assertFalse(vm.runningProperty().get());
    }

    @Test
    void cancel_reaches_the_token_and_keeps_the_old_report() {
        AtomicReference<ModelDiagnosticsViewModel> self = new AtomicReference<>();
        AtomicReference<CancellationToken> seen = new AtomicReference<>();
        ModelDiagnosticsViewModel vm = new ModelDiagnosticsViewModel(new CurrentThreadTaskExecutor(),
                (name, config, subset, progress, token) -> {
                    self.get().cancel();
                    seen.set(token);
                    return report(name, Verdict.PASS);
                });
        self.set(vm);
        vm.diagnose("m", ExperimentConfig.defaults());
        assertTrue(seen.get().isCancelled());
        assertNull(vm.reportProperty().get(), "a cancelled diagnosis is not shown");
        assertEquals("Diagnosis cancelled.", vm.statusProperty().get());
    }

    @Test
    void the_button_diagnoses_the_apps_current_model_with_the_experiments_attack_settings() {
        List<String> calls = new ArrayList<>();
        SimpleObjectProperty<ModelInfo> model = new SimpleObjectProperty<>();
        ExperimentConfig config = ExperimentConfig.defaults()
                .withAttack(new ExperimentConfig.Attack(0.25, FgsmVariant.PAPER, 5, 0.05, false));
        ModelDiagnosticsViewModel vm = new ModelDiagnosticsViewModel(new CurrentThreadTaskExecutor(),
                (name, c, subset, progress, token) -> {
                    calls.add(name + " " + c.attack().epsilon());
                    return report(name, Verdict.PASS);
                }, model, new SimpleObjectProperty<>(config));

        vm.diagnoseCurrentModel();
        model.set(new ModelInfo(ModelPreset.LENET5, "trained here", 1, 2));
        vm.diagnoseCurrentModel();

        assertEquals(List.of("current model 0.25", ModelPreset.LENET5.displayName() + " · trained here 0.25"), calls);
    }
}
