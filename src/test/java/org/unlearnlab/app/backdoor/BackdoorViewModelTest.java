package org.unlearnlab.app.backdoor;

import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackdoorViewModelTest {

    /** Replays a short run: the backdoored model, two SAU passes, one fine-tune pass, then the pictures. */
    private static final BackdoorBackend FAKE = (config, events, token) -> {
        events.accept(new BackdoorBackend.Log("data: fake"));
        events.accept(new BackdoorBackend.Method("backdoored", 0.98, 0.99, 0.01, 1000, ""));
        events.accept(new BackdoorBackend.Step("sau", 3, 0.97, 0.5, 0.45));
        events.accept(new BackdoorBackend.Step("sau", 6, 0.975, 0.05, 0.9));
        events.accept(new BackdoorBackend.Method("sau", 0.975, 0.05, 0.9, 2000, ""));
        events.accept(new BackdoorBackend.Step("fine-tune", 6, 0.98, 0.97, 0.02));
        return new BackdoorBackend.Pictures(Path.of("runs/x"), new float[784],
                List.of(new BackdoorBackend.TriggeredDigit(new float[784], 7, 0, 7)), List.of(), false);
    };

    @Test
    void withoutABackdoorSectionThePageRunsTheDemo() {
        var page = new SimpleObjectProperty<>(ExperimentConfig.defaults());
        BackdoorViewModel vm = new BackdoorViewModel(new CurrentThreadTaskExecutor(), FAKE, page);
        assertEquals("backdoor-demo", vm.chosenConfig().name());
        assertEquals(List.of(), ConfigValidator.problems(BackdoorViewModel.demoConfig()));
        ExperimentConfig mine = ExperimentConfig.defaults().withName("mine").withBackdoor(BackdoorSettings.defaults());
        page.set(mine);
        assertSame(mine, vm.chosenConfig());
        assertTrue(vm.configSummaryProperty().get().startsWith("mine:"), vm.configSummaryProperty().get());
    }

    @Test
    void aRunFillsTheChartTheTableAndTheGrid() {
        BackdoorViewModel vm = new BackdoorViewModel(new CurrentThreadTaskExecutor(), FAKE,
                new SimpleObjectProperty<>(ExperimentConfig.defaults()));
        vm.run();
        assertFalse(vm.runningProperty().get());
        assertEquals(List.of(new BackdoorViewModel.Point(0, 0.99), new BackdoorViewModel.Point(3, 0.5),
                new BackdoorViewModel.Point(6, 0.05)), vm.asrPoints());
        assertEquals(3, vm.robustPoints().size());
        assertEquals(List.of(new BackdoorViewModel.Point(0, 0.99), new BackdoorViewModel.Point(6, 0.97)),
                vm.fineTuneAsrPoints());
        assertEquals(List.of("backdoored", "sau"), vm.methods().stream().map(BackdoorViewModel.MethodRow::method)
                .toList());
        assertEquals(1, vm.digits().size());
        assertEquals(List.of("data: fake"), vm.log());
        assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());
    }
}
