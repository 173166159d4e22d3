package org.unlearnlab.app.experiment;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class ExperimentViewFxTest {
    @TempDir
    static Path temp;

    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        // The experiment itself is faked: this test is about the form, not the engine.
        context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(temp.resolve("runs")),
                (config, listener, token) -> new RunOutcome(null, StopReason.BUDGET_EXHAUSTED, List.of(), List.of(),
                        0, 1, null));
        Scene scene = new Scene(new WorkbenchControllers(context).viewLoader().load("/org/unlearnlab/app/experiment/ExperimentView.fxml").root(),
                1260, 780);
        scene.getStylesheets().add(ViewLoader.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private static void replaceText(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void an_epsilon_of_one_and_a_half_disables_run_and_says_why(FxRobot robot) {
        Button run = robot.lookup("#runButton").queryButton();
        assertFalse(run.isDisabled(), "the defaults can run");

        replaceText(robot, "#epsilonField", "1.5");

        assertEquals("1.5", robot.lookup("#epsilonField").queryAs(TextField.class).getText());
        assertTrue(run.isDisabled());
        Label reason = robot.lookup("#runReasonLabel").queryAs(Label.class);
        assertTrue(reason.isVisible());
        assertTrue(reason.getText().contains("attack.epsilon") && reason.getText().contains("between 0 and 1"),
                reason.getText());
        assertTrue(robot.lookup("#epsilonField").queryAs(TextField.class).getStyleClass().contains("error"),
                "the field itself is marked");

        replaceText(robot, "#epsilonField", "0.2");

        assertFalse(run.isDisabled());
        assertEquals("", reason.getText());
        assertFalse(robot.lookup("#epsilonField").queryAs(TextField.class).getStyleClass().contains("error"));
    }

    @Test
    void not_a_number_is_marked_at_its_field(FxRobot robot) {
        replaceText(robot, "#batchSizeField", "lots");

        assertTrue(robot.lookup("#runButton").queryButton().isDisabled());
        assertTrue(robot.lookup("#runReasonLabel").queryAs(Label.class).getText()
                .contains("Batch size (training.batchSize) is not a whole number"));
    }

    @Test
    void a_new_user_starts_from_the_classroom_demo(FxRobot robot) {
        assertEquals("classroom", robot.lookup("#nameField").queryAs(TextField.class).getText());
        assertEquals("Loaded preset Classroom", robot.lookup("#messageLabel").queryAs(Label.class).getText());
    }

    @Test
    void presets_fill_the_form(FxRobot robot) {
        robot.clickOn("#preset-paper");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("paper", robot.lookup("#nameField").queryAs(TextField.class).getText());
        assertEquals("0", robot.lookup("#trainLimitField").queryAs(TextField.class).getText());
        assertEquals("15", robot.lookup("#epochsField").queryAs(TextField.class).getText());
        assertEquals(ModelPreset.PAPER_CNN, robot.lookup("#presetCombo").queryComboBox().getValue());

        robot.clickOn("#preset-classroom");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("classroom", robot.lookup("#nameField").queryAs(TextField.class).getText());
        assertEquals("12000", robot.lookup("#trainLimitField").queryAs(TextField.class).getText());
        assertEquals("2", robot.lookup("#epochsField").queryAs(TextField.class).getText());
        assertEquals("3000", robot.lookup("#poolSizeField").queryAs(TextField.class).getText());
        assertEquals(12000, context.experimentConfigProperty().get().data().trainLimit());
    }
}
