package org.unlearnlab.app.unlearning;

import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.CurrentThreadTaskExecutor;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.RemovedSamplesCsv;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStore;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnlearningViewModelTest {

    /** A tiny training set: image i is a constant grey of i/20, label i % 10. */
    static ImageDataset tinyTrain() {
        int n = 20;
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < 784; p++) {
                px[i * 784 + p] = i / 20f;
            }
        }
        return new ImageDataset("tiny", 28, 28, px, labels, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    static IterationMetrics row(int it, int trainSize, double acc, boolean fin) {
        return new IterationMetrics(it, trainSize, 60_000 - trainSize, new CleanSummary(0.98, 0.05, 1000),
                new AttackSummary("fgsm-stable", 0.1, acc, 1.0, 10, 1000),
                new AttackSummary("fgsm-paper", 0.1, acc + 0.1, 1.0, 300, 1000),
                new AttackSummary("pgd", 0.1, acc - 0.1, 2.0, 0, 1000), fin ? 10_000 : 1000, 1200, fin);
    }

    /** Twins: the clean image plus eps, recording every batch. */
    static final class FakeTwins implements TwinBackend {
        final ImageDataset train = tinyTrain();
        final List<List<Integer>> batches = new ArrayList<>();
        final List<AttackKind> kinds = new ArrayList<>();
        boolean fail;

        @Override
        public List<AdversarialDigit> twins(List<RemovedSample> samples, Path modelZip, ExperimentConfig config,
                                            AttackKind kind, double epsilon) {
            if (fail) {
                throw new IllegalStateException("No model to attack with yet.");
            }
            batches.add(samples.stream().map(RemovedSample::datasetIndex).toList());
            kinds.add(kind);
            List<AdversarialDigit> out = new ArrayList<>();
            for (RemovedSample s : samples) {
                float[] clean = train.image(s.datasetIndex());
                float[] adv = clean.clone();
                for (int p = 0; p < adv.length; p++) {
                    adv[p] = Math.min(1, adv[p] + (float) epsilon);
                }
                float[] pc = new float[10];
                pc[s.label()] = 1;
                float[] pa = new float[10];
                pa[s.adversarialPrediction()] = 1;
                out.add(new AdversarialDigit(s.datasetIndex(), s.label(), clean, adv, pc, pa, false));
            }
            return out;
        }
    }

    private final FakeTwins twins = new FakeTwins();
    private final UnlearningViewModel vm = new UnlearningViewModel(new CurrentThreadTaskExecutor(), twins,
            () -> twins.train);
    private final ObservableList<IterationMetrics> sessionIterations = FXCollections.observableArrayList();
    private final ObservableList<RemovedSample> sessionRemoved = FXCollections.observableArrayList();
    private final SimpleObjectProperty<ExperimentConfig> sessionConfig = new SimpleObjectProperty<>();

    @Test
    void followsTheSessionAsIterationsFinishAndClearsOnANewRun() {
        vm.follow(sessionIterations, sessionRemoved, sessionConfig);
        assertTrue(vm.titleProperty().get().startsWith("No run yet"));

        sessionConfig.set(ExperimentConfig.defaults().withName("paper"));
        sessionIterations.add(row(0, 60_000, 0.2, false));
        sessionRemoved.addAll(List.of(new RemovedSample(3, 3, 5, 2.0, 1), new RemovedSample(4, 4, 9, 3.0, 1)));
        sessionIterations.add(row(1, 59_998, 0.4, false));
        assertEquals(2, vm.iterations().size());
        assertEquals(2, vm.gallery().samples().size());
        assertEquals("Current run 'paper' · 1 iteration · 2 samples removed", vm.titleProperty().get());

        sessionRemoved.add(new RemovedSample(5, 5, 0, 1.0, 2));
        assertEquals(3, vm.gallery().samples().size());

        sessionIterations.clear();
        sessionRemoved.clear();
        assertTrue(vm.iterations().isEmpty());
        assertTrue(vm.gallery().samples().isEmpty());
    }

    @Test
    void aRunFromDiskReplacesTheSessionUntilTheUserGoesBack() {
        vm.follow(sessionIterations, sessionRemoved, sessionConfig);
        sessionRemoved.add(new RemovedSample(1, 1, 2, 1.0, 1));
        vm.showRun(new RunData(Path.of("/runs/20260101-120000-x"), ExperimentConfig.defaults(),
                List.of(row(0, 100, 0.1, false), row(1, 90, 0.5, false), row(1, 90, 0.45, true)),
                List.of(new RemovedSample(7, 7, 1, 5.0, 1), new RemovedSample(8, 8, 3, 4.0, 1)), null));
        assertTrue(vm.showingFolderProperty().get());
        assertEquals(2, vm.gallery().samples().size());
        assertEquals(2, vm.loopRows().size(), "the final full-test row is not an iteration of the chart");
        assertNotNull(vm.finalRow());
        assertTrue(vm.titleProperty().get().startsWith("Run folder 20260101-120000-x"));

        sessionRemoved.add(new RemovedSample(2, 2, 3, 1.0, 1));
        assertEquals(2, vm.gallery().samples().size(), "the session does not overwrite the run on show");

        vm.showSession();
        assertEquals(2, vm.gallery().samples().size());
        assertEquals(List.of(1, 2), vm.gallery().samples().stream().map(RemovedSample::datasetIndex).toList());
    }

    @Test
    void opensAFinishedRunFolderFromDisk(@TempDir Path dir) throws Exception {
        ExperimentConfig cfg = ExperimentConfig.defaults().withName("from disk");
        org.unlearnlab.engine.runs.RunFolder run = new org.unlearnlab.engine.runs.RunStore(dir).create(cfg);
        run.appendIteration(row(0, 20, 0.2, false));
        run.appendRemoved(List.of(new RemovedSample(3, 3, 5, 2.0, 1), new RemovedSample(9, 9, 4, 6.5, 1)));
        run.appendIteration(row(1, 18, 0.4, false));

        vm.openFolder(run.path());

        assertTrue(vm.showingFolderProperty().get());
        assertEquals("from disk", vm.configProperty().get().name());
        assertEquals(2, vm.iterations().size());
        assertEquals(List.of(9, 3), vm.gallery().visible().stream().map(RemovedSample::datasetIndex).toList());
        assertNull(vm.modelZipProperty().get(), "no model.zip in this folder");
        assertTrue(vm.statusProperty().get().contains("current model"), vm.statusProperty().get());
    }

    @Test
    void aForgetRunFolderShowsItsForgetFiguresAndALoopFolderHidesThem(@TempDir Path dir) throws Exception {
        Path forget = org.unlearnlab.engine.experiment.ForgetFolders.write(dir.resolve("f"),
                org.unlearnlab.engine.experiment.ForgetFolders.result("amun", false, null, 0.9));

        vm.openFolder(forget);

        assertTrue(vm.forgetResults().showingProperty().get());
        assertTrue(vm.titleProperty().get().startsWith("Forget run f · amun · 2 samples forgotten"),
                vm.titleProperty().get());
        assertEquals(2, vm.gallery().samples().size(), "the forgotten rows fill the gallery");
        RemovedSample first = vm.gallery().samples().get(0);
        UnlearningViewModel.SampleCaption forgotten = vm.caption(first);
        assertFalse(forgotten.withTwin(), "a forget request involves no attack: no adversarial twin");
        assertTrue(forgotten.details().endsWith("forgotten"), forgotten.details());
        assertFalse(forgotten.details().contains("it 1"), forgotten.details());
        assertTrue(forgotten.tooltip().contains("original model"), forgotten.tooltip());
        assertEquals("Forgotten samples", vm.galleryTitle());
        assertEquals("Forgotten per class", vm.perClassTitle());

        org.unlearnlab.engine.runs.RunFolder loop = new org.unlearnlab.engine.runs.RunStore(dir.resolve("runs"))
                .create(ExperimentConfig.defaults());
        vm.openFolder(loop.path());
        assertFalse(vm.forgetResults().showingProperty().get());
        assertEquals("Removed samples", vm.galleryTitle());
        assertEquals("Removals per class", vm.perClassTitle());
        UnlearningViewModel.SampleCaption removed = vm.caption(new RemovedSample(3, 3, 5, 2.0, 1));
        assertTrue(removed.withTwin(), "a loop's sample shows the adversarial twin it was ranked by");
        assertEquals("3 → 5", removed.labels());
        assertEquals("loss 2.00 · it 1", removed.details());

        vm.openFolder(forget);
        vm.showSession();
        assertFalse(vm.forgetResults().showingProperty().get());
    }

    @Test
    void aFinishedForgetRunOfTheSessionIsShownFromItsFolder(@TempDir Path dir) throws Exception {
        Path forget = org.unlearnlab.engine.experiment.ForgetFolders.write(dir.resolve("f"),
                org.unlearnlab.engine.experiment.ForgetFolders.result("influence", false, null, 0.9));
        org.unlearnlab.app.services.ExperimentSession session = new org.unlearnlab.app.services.ExperimentSession(
                new CurrentThreadTaskExecutor(), (config, listener, token) -> new org.unlearnlab.engine.experiment
                .RunOutcome(forget, null, List.of(), List.of(), 0, 1, null), (model, origin) -> { });
        vm.followSession(session);

        session.start(org.unlearnlab.engine.config.ConfigFiles.read(Path.of("sample-configs/forget-influence.json")));

        assertTrue(vm.forgetResults().showingProperty().get());
        assertEquals("influence", vm.forgetResults().methodNameProperty().get());
    }

    @Test
    void aFolderThatIsNoRunIsReportedNotShown(@TempDir Path dir) {
        vm.openFolder(dir);
        assertFalse(vm.showingFolderProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Could not open the run"), vm.statusProperty().get());
    }

    @Test
    void twinsAreComputedOnRequestOnceEachWithTheRunsRankingAttack() {
        vm.showRun(new RunData(Path.of("r"), ExperimentConfig.defaults().withAttack(
                new ExperimentConfig.Attack(0.2, FgsmVariant.PAPER, 10, 0.01, true)), List.of(),
                List.of(new RemovedSample(7, 7, 1, 5.0, 1), new RemovedSample(8, 8, 3, 4.0, 1)), null));
        RemovedSample s = vm.gallery().samples().get(0);
        vm.requestTwin(s);
        vm.requestTwin(s);
        assertEquals(List.of(List.of(7)), twins.batches);
        assertEquals(List.of(AttackKind.FGSM_PAPER), twins.kinds);
        AdversarialDigit t = vm.twins().get(7);
        assertEquals(7 / 20f + 0.2f, t.adversarial()[0], 1e-6);

        int generation = vm.twinGenerationProperty().get();
        vm.modelChanged();
        assertTrue(vm.twins().isEmpty(), "a new model makes the twins stale");
        assertEquals(generation + 1, vm.twinGenerationProperty().get());
    }

    @Test
    void aViewReRequestingOnTheGenerationChangeGetsFreshTwins() {
        vm.showRun(new RunData(Path.of("r"), ExperimentConfig.defaults(), List.of(),
                List.of(new RemovedSample(7, 7, 1, 5.0, 1)), null));
        RemovedSample s = vm.gallery().samples().get(0);
        vm.requestTwin(s);
        // What a gallery cell does: when the twins are thrown away, ask again for the one it shows.
        vm.twinGenerationProperty().addListener((obs, old, n) -> vm.requestTwin(s));
        vm.modelChanged();
        assertEquals(2, twins.batches.size(), "the request made during the reset survived it");
        assertNotNull(vm.twins().get(7));
    }

    @Test
    void aFailedTwinIsReportedAndNotRetriedForEveryCell() {
        twins.fail = true;
        vm.showRun(new RunData(Path.of("r"), ExperimentConfig.defaults(), List.of(),
                List.of(new RemovedSample(7, 7, 1, 5.0, 1)), null));
        RemovedSample s = vm.gallery().samples().get(0);
        vm.requestTwin(s);
        assertTrue(vm.statusProperty().get().contains("No model to attack with yet"), vm.statusProperty().get());
        twins.fail = false;
        vm.requestTwin(s);
        assertTrue(twins.batches.isEmpty());
        assertNull(vm.twins().get(7));
    }

    @Test
    void csvExportHasTheHeaderAndTheVisibleRowsInOrder(@TempDir Path dir) throws Exception {
        vm.showRun(new RunData(Path.of("r"), ExperimentConfig.defaults(), List.of(),
                RemovedGalleryModelTest.SAMPLES, null));
        vm.gallery().classFilterProperty().set(3);
        vm.exportCsv(dir.resolve("removed"));
        List<String> lines = Files.readAllLines(dir.resolve("removed.csv"));
        assertEquals(RemovedSamplesCsv.HEADER, lines.get(0));
        assertEquals(List.of("12,3,8,4.0,2", "14,3,5,4.0,3", "10,3,5,2.5,1"), lines.subList(1, lines.size()));
    }

    @Test
    void contactSheetIsAPngWithACellPerVisibleSample(@TempDir Path dir) throws Exception {
        vm.showRun(new RunData(Path.of("r"), ExperimentConfig.defaults(), List.of(),
                RemovedGalleryModelTest.SAMPLES, null));
        vm.exportContactSheet(dir.resolve("sheet.png"));
        BufferedImage img = ImageIO.read(dir.resolve("sheet.png").toFile());
        assertNotNull(img);
        int[] expected = ContactSheet.size(6);
        assertEquals(expected[0], img.getWidth());
        assertEquals(expected[1], img.getHeight());
        assertEquals(1, twins.batches.size(), "missing twins are computed in one batch for the sheet");
        assertFalse(vm.statusProperty().get().startsWith("Could not"), vm.statusProperty().get());
    }

    // ---- following the app (what the unlearning page is wired to) ----------------------------------------

    private final SimpleObjectProperty<ModelInfo> appModel = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<DatasetSplit> appDataset = new SimpleObjectProperty<>();

    private static Path finishedRun(Path runs, String name) throws Exception {
        RunFolder run = new RunStore(runs).create(ExperimentConfig.defaults().withName(name));
        run.appendIteration(row(0, 20, 0.2, false));
        run.appendRemoved(List.of(new RemovedSample(3, 3, 5, 2.0, 1)));
        return run.path();
    }

    @Test
    void aRunOpenedOnTheRunsPageIsShownHere(@TempDir Path dir) throws Exception {
        AppContext context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(dir));
        vm.follow(sessionIterations, sessionRemoved, sessionConfig);
        vm.followApp(appModel, appDataset, context.runToOpenProperty());
        Path run = finishedRun(dir, "opened");

        context.openRun(run);

        assertEquals(WorkbenchPage.UNLEARNING, context.pageProperty().get());
        assertTrue(vm.showingFolderProperty().get());
        assertEquals("opened", vm.configProperty().get().name());

        vm.showSession();
        context.openRun(run);
        assertTrue(vm.showingFolderProperty().get(), "the same run asked for again is shown again");
    }

    @Test
    void aRunOpenedBeforeThePageWasBuiltIsShownWhenItIs(@TempDir Path dir) throws Exception {
        AppContext context = new AppContext(new CurrentThreadTaskExecutor(), new RunStore(dir));
        context.openRun(finishedRun(dir, "waiting"));

        vm.followSession(context.experimentSession());
        vm.followApp(appModel, appDataset, context.runToOpenProperty());

        assertTrue(vm.showingFolderProperty().get());
        assertEquals("waiting", vm.configProperty().get().name());
        assertFalse(vm.sessionRunningProperty().get());
    }

    @Test
    void aNewModelInTheAppMakesTheSessionsTwinsStale() {
        vm.follow(sessionIterations, sessionRemoved, sessionConfig);
        vm.followApp(appModel, appDataset, new SimpleObjectProperty<>());
        sessionConfig.set(ExperimentConfig.defaults());
        sessionRemoved.add(new RemovedSample(3, 3, 5, 2.0, 1));
        vm.requestTwin(vm.gallery().samples().get(0));
        assertEquals(1, vm.twins().size());
        int generation = vm.twinGenerationProperty().get();

        appModel.set(new ModelInfo(ModelPreset.LENET5, "trained here", 1, 2));

        assertTrue(vm.twins().isEmpty());
        assertEquals(generation + 1, vm.twinGenerationProperty().get());
    }

    @Test
    void aDatasetLoadedInTheAppBringsItsClassNamesAndInvalidatesCachedImages() {
        vm.followApp(appModel, appDataset, new SimpleObjectProperty<>());
        ImageDataset letters = new ImageDataset("letters", 28, 28, new float[784], new int[1], List.of("a", "b"));
        int generation = vm.datasetGenerationProperty().get();

        appDataset.set(new DatasetSplit(letters, letters, "test"));

        assertEquals(List.of("a", "b"), vm.classNames());
        assertEquals(generation + 1, vm.datasetGenerationProperty().get());
    }
}
