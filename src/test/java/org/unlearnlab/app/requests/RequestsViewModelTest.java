package org.unlearnlab.app.requests;

import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.config.TwinMetric;
import org.unlearnlab.engine.experiment.ForgetRequestException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestsViewModelTest {
    private static final float[] PIXELS = new float[784];

    /** A short run: the request (two accepted, one unseen test image), then twins by L2 and random spares. */
    private static RequestsBackend.Outcome replay(java.util.function.Consumer<RequestsBackend.Event> events) {
        RequestsBackend.Request request = new RequestsBackend.Request(List.of(
                new RequestsBackend.RequestedDigit(PIXELS, 7, "train", 12, "accepted", 0.5),
                new RequestsBackend.RequestedDigit(PIXELS, 7, "train", 40, "accepted", 0.7),
                new RequestsBackend.RequestedDigit(PIXELS, 7, "test", 3, "refused-unseen", 0.9)), "logit margin");
        events.accept(new RequestsBackend.Log("data: fake"));
        events.accept(new RequestsBackend.Requested(request));
        events.accept(new RequestsBackend.Progress("initial", 0.5, 60_000));
        List<RequestsBackend.TwinDigit> twins = List.of(
                new RequestsBackend.TwinDigit(PIXELS, 7, PIXELS, 1, Double.NaN, null),
                new RequestsBackend.TwinDigit(PIXELS, 7, PIXELS, 1, Double.NaN, null),
                new RequestsBackend.TwinDigit(PIXELS, 7, PIXELS, 7, 3.5, "l2"),
                new RequestsBackend.TwinDigit(PIXELS, 7, PIXELS, 7, 4.0, "l2"));
        List<RequestsBackend.Bar> bars = List.of(new RequestsBackend.Bar("before", 0.98, ""),
                new RequestsBackend.Bar("unlearned", 0.84, "fisher"),
                new RequestsBackend.Bar("healed best, 1 ep", 0.97, "R+T-l2"),
                new RequestsBackend.Bar("healed worst, 1 ep", 0.95, "R"),
                new RequestsBackend.Bar("gold", 0.975, ""));
        return new RequestsBackend.Outcome(Path.of("runs/x"), request, twins, bars, "fisher: 0.84", false);
    }

    private static RequestsViewModel demo(RequestsBackend backend) {
        return new RequestsViewModel(new CurrentThreadTaskExecutor(), backend,
                new SimpleObjectProperty<>(ExperimentConfig.defaults()));
    }

    @Test
    void withoutForgetAndHealingSectionsThePageRunsTheValidDemo() {
        RequestsViewModel vm = demo((c, e, t) -> replay(e));
        ExperimentConfig c = vm.chosenConfig();
        assertEquals("requests-demo", c.name());
        assertEquals(List.of(), ConfigValidator.problems(c));
        assertEquals(5000, c.data().trainLimit());
        assertEquals(ForgetRequestKind.CLASS, vm.kindProperty().get());
        assertEquals(25, vm.countProperty().get());
        assertTrue(vm.canRunProperty().get());
        assertTrue(vm.configSummaryProperty().get().startsWith("requests-demo:"), vm.configSummaryProperty().get());
    }

    @Test
    void theChoicesMakeTheConfigAndTheExperimentPagesSectionsAreTheStart() {
        var page = new SimpleObjectProperty<>(ExperimentConfig.defaults());
        RequestsViewModel vm = new RequestsViewModel(new CurrentThreadTaskExecutor(), (c, e, t) -> replay(e), page);
        page.set(RequestsViewModel.demoConfig().withName("mine"));
        assertEquals("mine", vm.chosenConfig().name());

        vm.kindProperty().set(ForgetRequestKind.WORST_CASE);
        vm.systemProperty().set(SystemKnowledge.PARAMETER_AWARE);
        vm.trainingSetProperty().set(TrainingSetKnowledge.BLIND);
        vm.countProperty().set(30);
        vm.methodProperty().set(ForgetMethod.INFLUENCE);
        vm.randomSparesProperty().set(false);
        vm.metricProperty().set(TwinMetric.FEATURE_COSINE);
        vm.healEpochsProperty().set(0);
        ExperimentConfig c = vm.chosenConfig();
        assertEquals(ForgetRequestKind.WORST_CASE, c.forget().request().kind());
        assertEquals(30, c.forget().request().adversary().budget());
        assertEquals(SystemKnowledge.PARAMETER_AWARE, c.forget().request().adversary().system());
        assertEquals(TrainingSetKnowledge.BLIND, c.forget().request().adversary().trainingSet());
        assertEquals(ForgetMethod.INFLUENCE, c.forget().method());
        assertEquals(List.of(HealingStrategy.TWINS), c.healing().strategies());
        assertEquals(List.of(TwinMetric.FEATURE_COSINE), c.healing().metrics());
        assertEquals(List.of(0), c.healing().epochs());
        assertEquals(List.of(), ConfigValidator.problems(c));

        // A random request of 45 is that share of the 4,500 rows left after the spares, with no separate budget.
        vm.kindProperty().set(ForgetRequestKind.RANDOM_FRACTION);
        vm.countProperty().set(45);
        assertEquals(0.01, vm.chosenConfig().forget().request().fraction(), 1e-12);
        assertEquals(0, vm.chosenConfig().forget().request().adversary().budget());
    }

    @Test
    void anImpossibleChoiceDisablesRunWithOneLineNamingTheField() {
        List<Boolean> ran = new ArrayList<>();
        RequestsViewModel vm = demo((c, e, t) -> {
            ran.add(true);
            return replay(e);
        });
        vm.kindProperty().set(ForgetRequestKind.WORST_CASE);
        vm.countProperty().set(5000);
        assertFalse(vm.canRunProperty().get());
        assertTrue(vm.problemProperty().get().contains("forget.request.adversary.budget"),
                vm.problemProperty().get());
        assertFalse(vm.problemProperty().get().contains("\n"));
        vm.run();
        assertEquals(List.of(), ran);
        vm.countProperty().set(25);
        assertTrue(vm.canRunProperty().get());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void runDisablesRunWhileItRunsThenFillsTheGridTheGalleryAndTheChart() {
        List<Boolean> duringRun = new ArrayList<>();
        RequestsViewModel[] holder = new RequestsViewModel[1];
        RequestsViewModel vm = demo((c, e, t) -> {
            duringRun.add(holder[0].runningProperty().get());
            duringRun.add(holder[0].canRunProperty().get());
            return replay(e);
        });
        holder[0] = vm;
        vm.run();
        assertEquals(List.of(true, false), duringRun);
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.canRunProperty().get());
        assertEquals(3, vm.requested().size());
        assertTrue(vm.requestSummaryProperty().get().startsWith("3 asked, 2 accepted, refused 1: 1 the model never"
                + " saw"), vm.requestSummaryProperty().get());
        assertTrue(vm.requestSummaryProperty().get().endsWith("score: logit margin"));
        assertEquals(List.of("random spares", "twins by l2"), vm.galleryChoices());
        assertEquals("twins by l2", vm.galleryChoiceProperty().get());
        assertEquals(List.of(3.5, 4.0), vm.gallery().stream().map(RequestsBackend.TwinDigit::distance).toList());
        vm.galleryChoiceProperty().set(RequestsViewModel.RANDOM_SPARES);
        assertEquals(2, vm.gallery().size());
        assertTrue(vm.gallery().stream().allMatch(t -> t.metric() == null));
        assertEquals(List.of("before", "unlearned", "healed best, 1 ep", "healed worst, 1 ep", "gold"),
                vm.bars().stream().map(RequestsBackend.Bar::label).toList());
        assertEquals("fisher: 0.84", vm.resultSummaryProperty().get());
        assertEquals(List.of("data: fake"), vm.log());
        assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());

        vm.run();
        assertEquals(3, vm.requested().size(), "a second run replaces the first one's results");
        assertEquals(List.of("data: fake"), vm.log());
    }

    @Test
    void progressShowsTheWholeRunsShareAndTimeLeft() {
        RequestsViewModel vm = demo((c, e, t) -> replay(e));
        vm.apply(new RequestsBackend.Progress("gold", 0.25, 125_000));
        assertEquals(0.25, vm.progressProperty().get(), 1e-12);
        assertEquals("Training (gold), 25% of the run, about 2 min 5 s left", vm.statusProperty().get());
    }

    @Test
    void anEngineRefusalShowsOneLine() {
        RequestsViewModel vm = demo((c, e, t) -> {
            throw new ForgetRequestException("forget.request: the request guard refused all 25 requested samples"
                    + "\nsecond line");
        });
        vm.run();
        assertEquals("Failed: forget.request: the request guard refused all 25 requested samples",
                vm.statusProperty().get());
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.canRunProperty().get());
        assertTrue(vm.bars().isEmpty());
    }

    @Test
    void cancelStopsTheRunAndLeavesNoResults() {
        RequestsViewModel[] holder = new RequestsViewModel[1];
        RequestsViewModel vm = demo((c, e, t) -> {
            e.accept(new RequestsBackend.Log("started"));
            holder[0].cancel();
            t.throwIfCancelled();
            return replay(e);
        });
        holder[0] = vm;
        vm.run();
        assertEquals("Cancelled", vm.statusProperty().get());
        assertFalse(vm.runningProperty().get());
        assertEquals(List.of("started"), vm.log());
        assertTrue(vm.gallery().isEmpty());
        assertTrue(vm.bars().isEmpty());
    }
}
