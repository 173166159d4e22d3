package org.unlearnlab.app.attacklab;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
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
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runs.RunStore;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack lab wired as the main window wires it (init with an AppContext), on the real engine: an untrained
 * LeNet-5 (its gradients are not zero) on 60 MNIST test digits.
 */
@ExtendWith(ApplicationExtension.class)
class AttackLabViewFxTest {
    private AttackLabView view;
    private AttackLabViewModel vm;
    private EngineTaskExecutor executor;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        executor = new EngineTaskExecutor();
        context = new AppContext(executor, new RunStore(Files.createTempDirectory("attacklab-runs")));
        // The path the main window takes: the app's controller factory, then the dataset and a model arrive later.
        ViewLoader.LoadedView loaded = new WorkbenchControllers(context).viewLoader()
                .load(WorkbenchPage.ATTACK_LAB.fxml());
        Parent root = loaded.root();
        view = (AttackLabView) loaded.controller();
        vm = view.viewModel();
        executor.execute(BackgroundTask.of("test setup", ctx -> {
            DatasetSplit mnist = DatasetLoader.bundledMnist();
            context.setDataset(new DatasetSplit(mnist.train().head(100), mnist.test().head(60), mnist.source()));
            context.setModel(Classifier.create(ModelPreset.LENET5, 1e-3, 42), "untrained, for tests");
            return null;
        }));
        stage.setScene(new Scene(root, 1260, 780));
        stage.show();
    }

    @AfterEach
    void stop() {
        context.shutdown();
    }

    private static int[] pixels(Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void draggingTheEpsilonSliderReattacksTheVisibleDigits(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.digits().size() == AttackLabViewModel.DEFAULT_COUNT);
        WaitForAsyncUtils.waitForFxEvents();
        DigitCard card = view.cards().get(0);
        int index = card.digit().index();
        int[] before = pixels(card.perturbedView().getImage());
        assertEquals(0.1f, maxAbs(card.digit().perturbation()), 1e-5);

        Node thumb = robot.lookup("#epsilonSlider .thumb").query();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(150, 0).drop();
        double target = vm.epsilonProperty().get();
        assertTrue(target > 0.15, "the drag moved the slider, epsilon is " + target);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> vm.shownEpsilonProperty().get() != null && vm.shownEpsilonProperty().get() == target);
        WaitForAsyncUtils.waitForFxEvents();

        DigitCard after = view.cards().get(0);
        assertEquals(index, after.digit().index(), "the same digits are re-attacked, not new ones");
        assertEquals((float) target, maxAbs(after.digit().perturbation()), 1e-5);
        assertFalse(Arrays.equals(before, pixels(after.perturbedView().getImage())),
                "the perturbed image on screen changed");
    }

    @Test
    void drawingADigitShowsLivePredictionsAndCanBeAttacked(FxRobot robot) throws Exception {
        robot.interact(() -> view.tabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        Node pad = view.pad();
        robot.moveTo(pad).moveBy(0, -90).press(MouseButton.PRIMARY).moveBy(0, 60).moveBy(0, 60).moveBy(0, 60)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.drawProbabilitiesProperty().get() != null);
        float[] p = vm.drawProbabilitiesProperty().get();
        float sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-3);

        robot.clickOn("Attack my digit");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.drawAttackProperty().get() != null);
        assertEquals(-1, vm.drawAttackProperty().get().index());
    }

    @Test
    void theSweepChartExportsAsPng(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> view.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.exportSweepChart(dir.resolve("sweep")));
        BufferedImage img = ImageIO.read(dir.resolve("sweep.png").toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 300 && img.getHeight() > 200, img.getWidth() + "x" + img.getHeight());
    }
}
