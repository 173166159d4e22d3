package org.unlearnlab.app.attacklab;

import javafx.fxml.FXMLLoader;
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
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.AttackLab;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.eval.EpsilonSweep;
import org.unlearnlab.engine.eval.SweepPoint;
import org.unlearnlab.engine.experiment.CancellationToken;
import org.unlearnlab.engine.experiment.ExperimentConfig;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.ModelPreset;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attack lab on the real engine: an untrained LeNet-5 (its gradients are not zero) on 60 MNIST test digits. */
@ExtendWith(ApplicationExtension.class)
class AttackLabViewFxTest {
    private AttackLabView view;
    private AttackLabViewModel vm;
    private EngineTaskExecutor executor;

    /** The engine backend the app uses, minus the AppContext: a fixed model and test set. */
    static final class RealBackend implements AttackBackend {
        private final ImageDataset test;
        private Classifier model;

        RealBackend(ImageDataset test) {
            this.test = test;
        }

        private Classifier model() {
            if (model == null) {
                model = Classifier.create(ModelPreset.LENET5, 1e-3, 42);
            }
            return model;
        }

        @Override
        public List<String> classNames() {
            return test.classNames();
        }

        @Override
        public int[] testLabels() {
            return test.labels().clone();
        }

        @Override
        public int[] rank(DigitChoice choice, int count, long seed) {
            return AttackLab.rank(model(), test, choice, count, seed);
        }

        @Override
        public List<AdversarialDigit> attack(int[] indices, AttackKind kind, double epsilon,
                                             ExperimentConfig.Attack settings) {
            return AttackLab.attack(model(), test, indices, kind, epsilon, settings);
        }

        @Override
        public AdversarialDigit attackImage(float[] pixels, int label, AttackKind kind, double epsilon,
                                            ExperimentConfig.Attack settings) {
            return AttackLab.attackImage(model(), pixels, label, kind, epsilon, settings);
        }

        @Override
        public float[] probabilities(float[] pixels) {
            return model().probabilities(pixels, 1)[0];
        }

        @Override
        public List<SweepPoint> sweep(int subset, double[] epsilons, ExperimentConfig.Attack settings,
                                      Consumer<SweepPoint> onPoint, CancellationToken token) {
            return EpsilonSweep.run(model(), test, subset, epsilons, settings, onPoint, token);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        FXMLLoader loader = new FXMLLoader(Objects.requireNonNull(
                AttackLabView.class.getResource("/org/unlearnlab/app/attacklab/AttackLabView.fxml")));
        Parent root = loader.load();
        view = loader.getController();
        executor = new EngineTaskExecutor();
        vm = new AttackLabViewModel(executor, new RealBackend(DatasetLoader.bundledMnist().test().head(60)),
                Debouncer.fx(80));
        view.bind(vm);
        vm.pickDigits();
        stage.setScene(new Scene(root, 1260, 780));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
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
