package org.unlearnlab.app.training;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real engine on its own thread, behind the real page: train, watch, cancel, train again. */
@ExtendWith(ApplicationExtension.class)
class TrainingViewFxTest {
    @TempDir
    static Path temp;

    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext(new EngineTaskExecutor(Platform::runLater), new RunStore(temp.resolve("runs")));
        Scene scene = new Scene(new WorkbenchControllers(context).viewLoader().load("/org/unlearnlab/app/training/TrainingView.fxml").root(),
                1260, 780);
        scene.getStylesheets().add(ViewLoader.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopEngine() {
        context.shutdown();
    }

    private static void waitFor(int seconds, String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void train_watch_cancel_and_train_again_to_the_end(FxRobot robot) throws Exception {
        Button train = robot.lookup("#trainButton").queryButton();
        Button cancel = robot.lookup("#cancelButton").queryButton();
        ProgressBar progress = robot.lookup("#progressBar").queryAs(ProgressBar.class);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> loss = robot.lookup("#lossChart").queryAs(LineChart.class);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> accuracy = robot.lookup("#accuracyChart").queryAs(LineChart.class);
        @SuppressWarnings("unchecked")
        ListView<String> log = robot.lookup("#logView").queryAs(ListView.class);
        assertTrue(cancel.isDisabled(), "nothing to cancel yet");

        // Long enough (12,000 images, two epochs) that the cancel surely lands mid-training.
        robot.interact(() -> context.experimentConfigProperty().set(TrainingViewModelTest.tiny(12_000, 2)));
        robot.clickOn(train);
        waitFor(40, "training started and drew loss points", () -> progress.getProgress() > 0
                && loss.getData().get(0).getData().size() >= 2);
        assertTrue(train.isDisabled(), "one training at a time");
        assertFalse(cancel.isDisabled());

        robot.clickOn(cancel);
        waitFor(10, "cancel stops the training within a batch", () -> !train.isDisabled());
        assertTrue(log.getItems().stream().anyMatch(l -> l.startsWith("Cancelled: the partly trained model was discarded")),
                String.join("\n", log.getItems()));
        assertNull(context.modelProperty().get(), "the cancelled model was not installed");
        assertTrue(progress.getProgress() < 1);

        robot.interact(() -> context.experimentConfigProperty().set(TrainingViewModelTest.tiny(512, 2)
                .withData(new ExperimentConfig.Data(null, 512, 200))));
        robot.clickOn(train);
        waitFor(40, "the second training finishes", () -> context.modelProperty().get() != null && !train.isDisabled());

        assertEquals(1.0, progress.getProgress(), 1e-9);
        assertEquals(2, accuracy.getData().get(0).getData().size(), "one accuracy point per epoch");
        int lossPoints = loss.getData().get(0).getData().size();
        assertTrue(lossPoints >= 1 && lossPoints <= 16, "at most one loss point per batch (8 x 2), got " + lossPoints);
        assertTrue(log.getItems().stream().anyMatch(l -> l.startsWith("Done")), String.join("\n", log.getItems()));
        assertNotNull(context.modelProperty().get().summary());
    }
}
