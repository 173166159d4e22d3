package org.unlearnlab.app.shell;

import javafx.scene.Scene;
import javafx.scene.control.Label;
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
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    @TempDir
    static Path temp;

    private AppContext context;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")));
        scene = UnlearnLabApp.createScene(context);
        stage.setScene(scene);
        stage.setWidth(1260);
        stage.setHeight(780);
        stage.show();
    }

    @Test
    void the_rail_switches_pages(FxRobot robot) {
        assertTrue(robot.lookup("#runButton").tryQuery().isPresent(), "starts on the Experiment page");

        robot.clickOn("#navTraining");
        assertEquals(WorkbenchPage.TRAINING, context.pageProperty().get());
        assertTrue(robot.lookup("#trainButton").tryQuery().isPresent());

        robot.clickOn("#navRuns");
        assertTrue(robot.lookup("#refreshButton").tryQuery().isPresent());

        robot.clickOn("#navRuns");
        assertEquals(WorkbenchPage.RUNS, context.pageProperty().get(), "clicking the current page keeps it");
    }

    @Test
    void every_page_opens_without_a_placeholder(FxRobot robot) {
        for (String nav : new String[]{"#navAttackLab", "#navUnlearning", "#navExperiment"}) {
            robot.clickOn(nav);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(robot.lookup(".placeholder-label").tryQuery().map(n -> n.isVisible()).orElse(false),
                    nav + " shows its page");
        }
    }

    @Test
    void presentation_mode_makes_text_larger_and_f5_toggles_it(FxRobot robot) {
        Label title = robot.lookup(".page-title").queryAs(Label.class);
        double normal = title.getFont().getSize();

        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        double large = title.getFont().getSize();
        assertTrue(scene.getRoot().getStyleClass().contains(MainWindowView.PRESENTATION));
        assertTrue(large > normal * 1.3, normal + " -> " + large);

        robot.push(KeyCode.CONTROL, KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(normal, title.getFont().getSize(), 1e-9);
    }

    @Test
    void presentation_mode_also_enlarges_a_page_shown_before(FxRobot robot) {
        robot.clickOn("#navTraining");
        robot.push(KeyCode.F5);
        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Button train = robot.lookup("#trainButton").queryButton();
        double normal = train.getFont().getSize();

        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(train.getFont().getSize() > normal * 1.3, normal + " -> " + train.getFont().getSize());
    }

    @Test
    void ctrl_2_switches_to_the_second_page_and_the_view_menu_follows(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(WorkbenchPage.values()[1], context.pageProperty().get());
        assertTrue(robot.lookup("#trainButton").tryQuery().isPresent(), "the Training page shows");

        robot.clickOn("#viewMenu");
        javafx.scene.control.RadioMenuItem second = (javafx.scene.control.RadioMenuItem)
                ((javafx.scene.control.MenuBar) robot.lookup("#menuBar").query()).getMenus().get(2).getItems().get(1);
        assertTrue(second.isSelected());
        assertEquals("Shortcut+2", second.getAccelerator().getName());
        robot.push(KeyCode.ESCAPE);
    }

    @Test
    void presentation_mode_hides_the_rail(FxRobot robot) {
        javafx.scene.Node rail = robot.lookup(".nav-rail").query();
        assertTrue(rail.isVisible());
        robot.push(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(rail.isVisible());
        robot.push(KeyCode.CONTROL, KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rail.isVisible());
    }

    @Test
    void the_status_bar_says_what_is_missing(FxRobot robot) {
        Label dataset = robot.lookup("#datasetLabel").queryAs(Label.class);
        Label model = robot.lookup("#modelLabel").queryAs(Label.class);
        assertEquals("Dataset: loading…", dataset.getText());
        assertEquals("Model: none loaded yet", model.getText());
        assertTrue(model.getStyleClass().contains("status-item-missing"));
    }
}
