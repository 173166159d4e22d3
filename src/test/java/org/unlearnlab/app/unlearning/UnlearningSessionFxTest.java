package org.unlearnlab.app.unlearning;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
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
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.app.services.RunMonitor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.runs.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unlearning page following a real (tiny) experiment run by the app's session, as the main window wires it. */
@ExtendWith(ApplicationExtension.class)
class UnlearningSessionFxTest {
    private AppContext context;
    private UnlearningView view;
    private Path runs;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("unlearning-runs");
        context = new AppContext(new EngineTaskExecutor(), new RunStore(runs));
        context.taskExecutor().execute(BackgroundTask.of("load MNIST", ctx -> {
            context.setDataset(DatasetLoader.bundledMnist());
            return null;
        }));
        ViewLoader.LoadedView loaded = new WorkbenchControllers(context).viewLoader()
                .load(WorkbenchPage.UNLEARNING.fxml());
        Parent root = loaded.root();
        view = (UnlearningView) loaded.controller();
        stage.setScene(new Scene(root, 1260, 780));
        stage.show();
    }

    @AfterEach
    void stop() {
        context.shutdown();
    }

    static ExperimentConfig tinyRun() {
        ExperimentConfig d = ExperimentConfig.defaults();
        return d.withName("tiny")
                .withData(new ExperimentConfig.Data(null, 128, 64))
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 7))
                .withAttack(new ExperimentConfig.Attack(0.1, d.attack().fgsmVariant(), 1, 0.1, false))
                .withUnlearning(new ExperimentConfig.Unlearning(d.unlearning().strategy(), 8, 2, 0.99,
                        d.unlearning().thresholdMetric(), d.unlearning().retrain(), 1, 0))
                .withEvaluation(new ExperimentConfig.Evaluation(64, false));
    }

    @Test
    void showsTheRemovedSamplesAndIterationsOfTheSessionsRun(FxRobot robot) throws Exception {
        robot.interact(() -> context.experimentSession().start(tinyRun()));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> context.experimentSession().statusProperty().get().isFinished());
        assertEquals(RunMonitor.Status.SUCCEEDED, context.experimentSession().statusProperty().get(),
                context.experimentSession().errorProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        UnlearningViewModel vm = view.viewModel();
        assertEquals(16, vm.gallery().samples().size(), "2 iterations of 8 removals");
        assertEquals(3, vm.loopRows().size(), "iteration 0 and two unlearning iterations");
        assertTrue(vm.titleProperty().get().startsWith("Current run 'tiny'"), vm.titleProperty().get());
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#iterationChart").queryAs(LineChart.class);
        assertTrue(chart.getData().stream().anyMatch(s -> s.getData().size() == 3), "one point per iteration");

        // After the run its final model is installed; the visible twins are attacked with it.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.twins().isEmpty());
        long cellsWithTwin = robot.lookup(".removed-cell").queryAllAs(RemovedSampleCell.class).stream()
                .filter(c -> c.getItem() != null && c.twinView().getImage() != null).count();
        assertTrue(cellsWithTwin > 0);
        int sum = 0;
        for (int n : view.histogramValues()) {
            sum += n;
        }
        assertEquals(16, sum, "the histogram counts every removal");
    }
}
