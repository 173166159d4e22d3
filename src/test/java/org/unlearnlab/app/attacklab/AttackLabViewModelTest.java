package org.unlearnlab.app.attacklab;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttackLabViewModelTest {

    private final FakeAttackBackend backend = new FakeAttackBackend(200);
    private final AttackLabViewModel vm = new AttackLabViewModel(new CurrentThreadTaskExecutor(), backend,
            Debouncer.immediate());

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void picksTheRequestedNumberOfDigitsAndAttacksThem() {
        vm.pickDigits();
        assertEquals(AttackLabViewModel.DEFAULT_COUNT, vm.digits().size());
        assertEquals(0.1, vm.shownEpsilonProperty().get(), 1e-9);
        assertEquals(AttackKind.FGSM_STABLE, vm.shownKindProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.statusProperty().get().contains("of 24 predictions flipped"), vm.statusProperty().get());
    }

    @Test
    void classFilterShowsOnlyDigitsOfThatClass() {
        vm.digitClassProperty().set(3);
        assertFalse(vm.digits().isEmpty());
        assertTrue(vm.digits().stream().allMatch(d -> d.label() == 3));

        vm.choiceProperty().set(DigitChoice.MISCLASSIFIED);
        // The fake ranks only odd indices as misclassified, so class 3 (indices 3, 13, 23, …) still matches.
        assertTrue(vm.digits().stream().allMatch(d -> d.label() == 3 && d.index() % 2 == 1));

        vm.digitClassProperty().set(4);
        assertTrue(vm.digits().isEmpty(), "no odd index has label 4");
        assertTrue(vm.statusProperty().get().startsWith("No test digit matches"), vm.statusProperty().get());
    }

    @Test
    void movingEpsilonReattacksTheSameDigitsWithTheNewBudget() {
        vm.pickDigits();
        int[] before = vm.digits().stream().mapToInt(AdversarialDigit::index).toArray();
        AdversarialDigit first = vm.digits().stream().filter(d -> !d.zeroGradient()).findFirst().orElseThrow();
        assertEquals(0.1f, maxAbs(first.perturbation()), 1e-6);

        vm.epsilonProperty().set(0.3);

        assertArrayEquals(before, vm.digits().stream().mapToInt(AdversarialDigit::index).toArray());
        AdversarialDigit again = vm.digits().stream().filter(d -> d.index() == first.index()).findFirst().orElseThrow();
        assertEquals(0.3f, maxAbs(again.perturbation()), 1e-6);
        assertEquals(0.3, vm.shownEpsilonProperty().get(), 1e-9);
        assertTrue(vm.flippedProperty().get() > 0, "eps 0.3 flips the fake's non-zero-gradient digits");
        assertTrue(vm.zeroGradientProperty().get() > 0);
    }

    @Test
    void carliniWagnerAttacksTheFirstFewDigitsIgnoresTheSliderAndReportsL2() {
        vm.pickDigits();
        assertTrue(vm.epsilonAppliesProperty().get());
        vm.kindProperty().set(AttackKind.CW);
        assertFalse(vm.epsilonAppliesProperty().get(), "the slider does not apply to C&W");
        assertEquals(AttackLabViewModel.CW_MAX_DIGITS, vm.digits().size());
        String status = vm.statusProperty().get();
        assertTrue(status.startsWith("C&W L2") && status.contains("first 8 of 24") && !status.contains("ε ="), status);
        int calls = backend.calls.size();
        vm.epsilonProperty().set(0.35);
        assertEquals(calls, backend.calls.size(), "moving ε must not re-run C&W");

        vm.kindProperty().set(AttackKind.PGD);
        assertTrue(vm.epsilonAppliesProperty().get());
        assertEquals(AttackLabViewModel.DEFAULT_COUNT, vm.digits().size(), "back to every chosen digit");
    }

    @Test
    void carliniWagnerStatusGivesTheMedianDistanceOfTheFlippedDigitsOnly() {
        float[] clean = new float[784];
        float[] far = clean.clone();
        far[0] = 0.6f;
        far[1] = 0.8f;
        float[] near = clean.clone();
        near[0] = 0.3f;
        float[] keep = {0.1f, 0.9f};
        float[] flip = {0.9f, 0.1f};
        List<AdversarialDigit> digits = List.of(new AdversarialDigit(1, 0, clean, far, keep, flip, false),
                new AdversarialDigit(2, 0, clean, near, keep, flip, false),
                new AdversarialDigit(3, 0, clean, clean, keep, keep, false));
        // Flipped: distances 1.0 and 0.3, median 0.65; the unflipped digit's 0 does not count.
        assertEquals("C&W L2, no ε (it finds the smallest change it can): 2 of 3 predictions flipped, "
                + "median L2 distance 0.65.", AttackLabViewModel.carliniWagnerStatus(digits, 2, 3));
    }

    @Test
    void selectionFollowsTheSameDigitAcrossReattacks() {
        vm.pickDigits();
        AdversarialDigit pick = vm.digits().get(5);
        vm.selectedProperty().set(pick);
        vm.kindProperty().set(AttackKind.PGD);
        assertNotNull(vm.selectedProperty().get());
        assertEquals(pick.index(), vm.selectedProperty().get().index());
        assertTrue(vm.selectedProperty().get() != pick, "the selection is the re-attacked digit, not the stale one");
    }

    @Test
    void newDigitsDrawsAnotherRandomSet() {
        vm.pickDigits();
        int first = vm.digits().get(0).index();
        vm.newDigits();
        assertTrue(first != vm.digits().get(0).index());
    }

    @Test
    void sweepDeliversOnePointPerEpsilonWithProgress() {
        vm.sweepSubsetProperty().set(300);
        vm.runSweep();
        assertEquals(AttackLabViewModel.SWEEP_EPSILONS.length, vm.sweepPoints().size());
        assertEquals(1.0, vm.sweepProgressProperty().get(), 1e-9);
        assertFalse(vm.sweepRunningProperty().get());
        assertTrue(backend.calls.contains("sweep 300"));
        assertEquals(0.5, vm.sweepPoints().get(vm.sweepPoints().size() - 1).epsilon(), 1e-9);
    }

    @Test
    void drawingIsClassifiedAndAttackedWithTheStatedLabel() {
        vm.setDrawing(new float[784]);
        assertNull(vm.drawProbabilitiesProperty().get(), "a blank pad is not classified");
        assertFalse(backend.calls.contains("probabilities"));

        float[] px = new float[784];
        for (int y = 5; y < 23; y++) {
            px[y * 28 + 14] = 1f;
        }
        vm.setDrawing(px);
        assertEquals(0.75f, vm.drawProbabilitiesProperty().get()[4], 1e-6);

        vm.attackDrawing();
        assertEquals(4, vm.drawAttackProperty().get().label(), "without a stated label the model's answer is the truth");
        vm.drawLabelProperty().set(1);
        vm.attackDrawing();
        assertEquals(1, vm.drawAttackProperty().get().label());
        assertEquals(-1, vm.drawAttackProperty().get().index());
    }

    @Test
    void centringMovesTheDrawingsMassToTheMiddle() {
        float[] px = new float[784];
        px[2 * 28 + 2] = 1f;
        float[] c = DrawingPad.centred(px);
        assertEquals(1f, c[14 * 28 + 14], 1e-6, "a dot in the corner ends up in the centre");
        assertEquals(0f, c[2 * 28 + 2], 1e-6);
    }

    @Test
    void aNewerAttackCancelsTheStaleOneSoOnlyTheLatestEpsilonIsApplied() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeAttackBackend slow = new FakeAttackBackend(100) {
            @Override
            public synchronized List<AdversarialDigit> attack(int[] indices, AttackKind kind, double epsilon,
                                                              ExperimentConfig.Attack settings) {
                if (epsilon == 0.1) {
                    entered.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.attack(indices, kind, epsilon, settings);
            }
        };
        ExecutorService ui = Executors.newSingleThreadExecutor();
        EngineTaskExecutor engine = new EngineTaskExecutor(ui);
        try {
            AttackLabViewModel model = ui.submit(() -> new AttackLabViewModel(engine, slow, Debouncer.immediate())).get();
            ui.submit(model::pickDigits).get();
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            // While eps 0.1 is still running, two more values arrive; the middle one must never be attacked.
            ui.submit(() -> model.epsilonProperty().set(0.2)).get();
            ui.submit(() -> model.epsilonProperty().set(0.35)).get();
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline
                    && !Double.valueOf(0.35).equals(ui.submit(() -> model.shownEpsilonProperty().get()).get())) {
                Thread.sleep(20);
            }
            assertEquals(0.35, ui.submit(() -> model.shownEpsilonProperty().get()).get(), 1e-9);
            assertFalse(slow.attackedEpsilons.contains(0.2), "the stale request was skipped: " + slow.attackedEpsilons);
            assertEquals(0.35f, maxAbs(ui.submit(() -> model.digits().get(1).perturbation()).get()), 1e-6);
        } finally {
            engine.shutdown();
            ui.shutdownNow();
        }
    }

    // ---- following the app (what the attack lab page is wired to) ----------------------------------------

    private final ObjectProperty<ExperimentConfig> appConfig = new SimpleObjectProperty<>(ExperimentConfig.defaults()
            .withAttack(new ExperimentConfig.Attack(0.3, FgsmVariant.PAPER, 7, 0.02, true)));
    private final ObjectProperty<ModelInfo> appModel = new SimpleObjectProperty<>();
    private final ObjectProperty<DatasetSplit> appDataset = new SimpleObjectProperty<>();

    private static ModelInfo model(long version) {
        return new ModelInfo(ModelPreset.LENET5, "test", 1, version);
    }

    private static DatasetSplit tinySplit() {
        ImageDataset d = new ImageDataset("tiny", 28, 28, new float[784], new int[1], List.of("0", "1", "2", "3",
                "4", "5", "6", "7", "8", "9"));
        return new DatasetSplit(d, d, "test");
    }

    @Test
    void followingTheAppStartsFromTheExperimentsAttackSettingsAndShowsDigits() {
        vm.follow(appConfig, appModel, appDataset);

        assertEquals(appConfig.get().attack(), vm.settingsProperty().get());
        assertEquals(0.3, vm.epsilonProperty().get(), 1e-9, "the slider starts at the experiment's epsilon");
        assertEquals(AttackLabViewModel.DEFAULT_COUNT, vm.digits().size());
    }

    @Test
    void anEditedExperimentConfigAttacksAgainWithItsSettingsButKeepsTheSlider() {
        vm.follow(appConfig, appModel, appDataset);
        vm.epsilonProperty().set(0.2);
        backend.calls.clear();

        appConfig.set(ExperimentConfig.defaults()
                .withAttack(new ExperimentConfig.Attack(0.05, FgsmVariant.STABLE, 3, 0.01, false)));

        assertEquals(3, vm.settingsProperty().get().pgdSteps());
        assertEquals(0.2, vm.epsilonProperty().get(), 1e-9, "the user's slider is not reset");
        assertEquals(List.of("attack 24 " + AttackKind.FGSM_STABLE + " 0.2"), backend.calls);
    }

    @Test
    void aNewModelInTheAppIsAttackedAgainAndItsStaleSweepCleared() {
        vm.follow(appConfig, appModel, appDataset);
        vm.runSweep();
        assertFalse(vm.sweepPoints().isEmpty());
        backend.calls.clear();

        appModel.set(model(2));

        assertTrue(vm.sweepPoints().isEmpty(), "the curve was the old model's");
        assertTrue(vm.sweepStatusProperty().get().startsWith("The model changed"), vm.sweepStatusProperty().get());
        assertEquals(List.of("attack 24 " + AttackKind.FGSM_STABLE + " 0.3"), backend.calls, "the same digits, attacked again");
    }

    @Test
    void aDatasetLoadedInTheAppPicksDigitsFromIt() {
        vm.follow(appConfig, appModel, appDataset);
        backend.calls.clear();

        appDataset.set(tinySplit());

        assertTrue(backend.calls.get(0).startsWith("rank " + DigitChoice.RANDOM + " 24"), backend.calls.toString());
        assertEquals(AttackLabViewModel.DEFAULT_COUNT, vm.digits().size());
    }
}
