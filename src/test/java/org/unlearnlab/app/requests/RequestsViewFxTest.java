package org.unlearnlab.app.requests;

import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Requests page as the app builds it (its FXML through the app's controller factory), then the same FXML with
 * a fake backend on the engine executor: Run, the page while it runs, and the grid, gallery and chart after.
 */
@ExtendWith(ApplicationExtension.class)
class RequestsViewFxTest {
    private static final float[] PIXELS = new float[784];
    private final CountDownLatch release = new CountDownLatch(1);
    private EngineTaskExecutor executor;
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        executor = new EngineTaskExecutor();
        context = new AppContext(executor, new RunStore(Files.createTempDirectory("requests-runs")));
    }

    @AfterEach
    void stop() {
        release.countDown();
        context.shutdown();
        executor.shutdown();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        assertTrue(condition.getAsBoolean(), what);
    }

    private void show(ViewLoader loader) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            try {
                stage.setScene(new Scene(loader.load(WorkbenchPage.REQUESTS.fxml()).root(), 1260, 780));
                stage.getScene().getStylesheets().add(ViewLoader.stylesheet());
                stage.show();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(180, TimeUnit.SECONDS);
    }

    @Test
    void theAppBuildsThePageWithTheDemoReadyToRun(FxRobot robot) throws Exception {
        show(new WorkbenchControllers(context).viewLoader());
        Label summary = robot.lookup("#configSummary").queryAs(Label.class);
        assertTrue(summary.getText().startsWith("requests-demo:"), summary.getText());
        assertFalse(robot.lookup("#runButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#cancelButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void runShowsTheRequestTheTwinsAndTheChart(FxRobot robot) throws Exception {
        RequestsBackend fake = (config, events, token) -> {
            RequestsBackend.Request request = new RequestsBackend.Request(List.of(
                    new RequestsBackend.RequestedDigit(PIXELS, 7, "train", 1, "accepted", 0.1),
                    new RequestsBackend.RequestedDigit(PIXELS, 7, "test", 2, "refused-unseen", 0.2)), null);
            events.accept(new RequestsBackend.Requested(request));
            release.await(180, TimeUnit.SECONDS);
            return new RequestsBackend.Outcome(Path.of("runs/fake"), request,
                    List.of(new RequestsBackend.TwinDigit(PIXELS, 7, PIXELS, 7, 2.5, "l2")),
                    List.of(new RequestsBackend.Bar("before", 0.98, ""), new RequestsBackend.Bar("gold", 0.97, "")),
                    "", false);
        };
        show(new ViewLoader(type -> new RequestsView(new RequestsViewModel(executor, fake,
                new SimpleObjectProperty<>(ExperimentConfig.defaults())))));
        Button run = robot.lookup("#runButton").queryAs(Button.class);
        Button cancel = robot.lookup("#cancelButton").queryAs(Button.class);
        robot.clickOn(run);
        FlowPane requested = robot.lookup("#requestedGrid").queryAs(FlowPane.class);
        waitFor("the requested digits show while the run goes on", () -> requested.getChildren().size() == 2);
        assertTrue(run.isDisabled());
        assertFalse(cancel.isDisabled());
        release.countDown();
        FlowPane gallery = robot.lookup("#galleryGrid").queryAs(FlowPane.class);
        waitFor("the gallery fills", () -> gallery.getChildren().size() == 1);
        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#accuracyChart").queryAs(BarChart.class);
        assertEquals(2, chart.getData().get(0).getData().size());
        assertFalse(run.isDisabled());
        assertTrue(cancel.isDisabled());
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().startsWith("Done"));
    }
}
