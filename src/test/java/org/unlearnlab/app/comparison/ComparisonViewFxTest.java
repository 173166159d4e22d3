package org.unlearnlab.app.comparison;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Compare page as the main window loads it, showing a comparison folder written like the engine writes one. */
@ExtendWith(ApplicationExtension.class)
class ComparisonViewFxTest {
    @TempDir
    static Path temp;

    private ComparisonView view;

    @Start
    void start(Stage stage) throws Exception {
        AppContext context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")));
        ViewLoader.LoadedView loaded = new WorkbenchControllers(context).viewLoader().load(WorkbenchPage.COMPARE.fxml());
        view = (ComparisonView) loaded.controller();
        Scene scene = new Scene(loaded.root(), 1260, 780);
        scene.getStylesheets().add(ViewLoader.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private static List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void the_page_loads_and_shows_an_opened_comparison_with_its_diagnostics(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#compareButton").queryAs(Button.class).isDisabled(), "all strategies ticked");
        assertTrue(robot.lookup("#reportButton").queryAs(Button.class).isDisabled(), "no folder yet");

        Path dir = ComparisonFolders.write(temp.resolve("cmp-" + System.nanoTime()), ExperimentConfig.defaults());
        robot.interact(() -> view.viewModel().openFolder(dir));
        WaitForAsyncUtils.waitForFxEvents();

        List<String> series = view.overlayChart().chart().getData().stream().map(XYChart.Series::getName).toList();
        assertEquals(List.of(ComparisonViewModel.labelOf("loss-ranked"), ComparisonViewModel.labelOf("random")), series);
        assertEquals(4, view.table().getItems().size());
        assertEquals("loss-ranked", view.table().getSelectionModel().getSelectedItem().id());
        assertTrue(robot.lookup(".compare-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(c -> "90.0% (20)".equals(c.getText())), "FGSM paper with its zero-gradient count");

        // The selected strategy's failed zero-gradient check: a FAIL badge and the check's own sentence.
        Node check = robot.lookup("#check-zero-gradient").query();
        int row = javafx.scene.layout.GridPane.getRowIndex(check);
        List<Label> badges = robot.lookup(".diagnostics-checks .verdict-badge").queryAllAs(Label.class).stream()
                .filter(l -> javafx.scene.layout.GridPane.getRowIndex(l) == row).toList();
        assertEquals(List.of("✗ FAIL"), badges.stream().map(Label::getText).toList());
        assertTrue(badges.get(0).getStyleClass().contains("verdict-fail"));
        assertTrue(robot.from(check).lookup(".diagnostics-check-explanation").queryAs(Label.class).getText()
                .equals(ComparisonFolders.FAIL_SENTENCE));
        Label title = robot.from(check).lookup(".diagnostics-check-title").queryAs(Label.class);
        assertEquals("Zero gradients", title.getText());
        assertTrue(title.getWidth() > 50, "the check's title has room: " + title.getWidth());
        assertTrue(texts(robot, ".diagnostics-figure-value").contains("70.0% · zero gradient 612 of 1,000"),
                texts(robot, ".diagnostics-figure-value").toString());

        // The starting model's row shows its own (passing) diagnostics.
        robot.interact(() -> view.table().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("base", view.viewModel().selectedDiagnosticsProperty().get().model());
        assertFalse(texts(robot, ".diagnostics-checks .verdict-badge").contains("✗ FAIL"));
        assertFalse(robot.lookup("#reportButton").queryAs(Button.class).isDisabled());
    }
}
