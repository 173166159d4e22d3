package org.unlearnlab.app.runs;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.common.charts.IterationOverlayChart;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.app.shell.UnlearnLabApp;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunStatus;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole main window, so that the routes from the Runs page into the other pages are the real ones. */
@ExtendWith(ApplicationExtension.class)
class RunsViewFxTest {
    @TempDir
    static Path temp;

    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Path root = temp.resolve("runs-" + System.nanoTime());
        RunFolders.finished(root, "a", ExperimentConfig.defaults().withName("alpha"), RunStatus.COMPLETE, true,
                0.2, 0.5, 0.9);
        RunFolders.finished(root, "b", ExperimentConfig.defaults().withName("beta"), RunStatus.CANCELLED, false,
                0.3, 0.35);
        context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(root));
        Scene scene = UnlearnLabApp.createScene(context);
        stage.setScene(scene);
        // Within the headless screen (see the pom's surefire argLine), like the other window tests.
        stage.setWidth(1260);
        stage.setHeight(780);
        stage.show();
        context.pageProperty().set(WorkbenchPage.RUNS);
    }

    private static Set<String> rowNames(FxRobot robot) {
        return robot.lookup(".runs-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null)
                .map(r -> ((RunRow) r.getItem()).name())
                .collect(Collectors.toSet());
    }

    @Test
    void the_page_lists_the_runs_and_overlays_two_selected_ones(FxRobot robot) {
        assertEquals(Set.of("alpha", "beta"), rowNames(robot));
        LineChart<Number, Number> chart = robot.lookup("#overlayChart").queryAs(IterationOverlayChart.class).chart();
        assertTrue(chart.getData().isEmpty(), "nothing selected, nothing drawn");

        robot.clickOn("alpha");
        robot.press(KeyCode.CONTROL).clickOn("beta").release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> series = chart.getData().stream().map(XYChart.Series::getName).toList();
        assertEquals(Set.of("alpha", "beta"), Set.copyOf(series));
        assertTrue(robot.lookup(".iteration-overlay .chart-legend-entry").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(Collectors.toSet()).containsAll(Set.of("alpha", "beta")));
        assertFalse(robot.lookup(".iteration-overlay .chart-placeholder").query().isVisible());
    }

    @Test
    void typing_a_filter_hides_the_other_runs(FxRobot robot) {
        robot.clickOn("#filterField").write("cancel");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(Set.of("beta"), rowNames(robot));
        assertEquals(1, robot.lookup(".runs-table").queryAs(TableView.class).getItems().size());
    }

    @Test
    void open_shows_the_run_folder_on_the_unlearning_page(FxRobot robot) {
        robot.clickOn("beta");
        robot.clickOn("#openButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(WorkbenchPage.UNLEARNING, context.pageProperty().get());
        String title = robot.lookup("#titleLabel").queryAs(Label.class).getText();
        assertTrue(title.startsWith("Run folder b"), title);
    }

    @Test
    void rerun_fills_the_experiment_form_with_the_runs_config(FxRobot robot) {
        robot.clickOn("alpha");
        robot.clickOn("#rerunButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(WorkbenchPage.EXPERIMENT, context.pageProperty().get());
        assertEquals("alpha", robot.lookup("#nameField").queryTextInputControl().getText());
    }
}
