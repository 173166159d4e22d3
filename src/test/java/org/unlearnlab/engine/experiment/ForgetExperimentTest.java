package org.unlearnlab.engine.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A forget run end to end on 300 real MNIST images. */
class ForgetExperimentTest {
    private static final DatasetSplit DATA = SmallMnist.split(300, 100);

    @TempDir
    Path dir;

    private static ExperimentConfig config(ForgetMethod method, ForgetSettings.Request request, int repeats) {
        ForgetSettings d = ForgetSettings.defaults();
        return ExperimentConfig.defaults().withName("t")
                .withData(new ExperimentConfig.Data(null, 300, 100))
                .withTraining(new ExperimentConfig.Training(1, 50, 1e-3, 3))
                .withForget(new ForgetSettings(method, request, repeats, new ForgetSettings.Sisa(2, 2), d.fisher(),
                        d.influence(), d.amun()));
    }

    @Test
    void retrainIsItsOwnGoldModelAndTheFolderKeepsTheForgottenRows() throws Exception {
        ExperimentConfig c = config(ForgetMethod.RETRAIN, ForgetSettings.Request.of(ForgetRequestKind.CLASS, 0, 7,
                5, null, null), 2);
        RunFolder run = RunFolder.createAt(dir.resolve("run"), c);
        ForgetResult r = new ForgetExperiment(c).withData(DATA).run(run, ExperimentListener.NONE,
                CancellationToken.none());
        assertEquals(2, r.repeats().size());
        for (ForgetResult.Repeat p : r.repeats()) {
            assertEquals(p.gold(), p.method());
            assertEquals(1.0, p.distance().testAgreement());
            assertEquals(5, p.forgetSize());
            assertEquals(295, p.remainingSize());
        }
        assertEquals(List.of(3L, 4L), r.repeats().stream().map(ForgetResult.Repeat::seed).toList());
        assertEquals(RunStatus.COMPLETE, run.readSummary().status());
        ForgetResult read = ForgetResult.read(run.path().resolve(ForgetResult.FILE));
        assertEquals(r.kept().method(), read.kept().method());
        List<RemovedSample> removed = run.readRemoved();
        assertEquals(5, removed.size());
        assertTrue(removed.stream().allMatch(s -> s.label() == 7));
        assertTrue(Files.isRegularFile(run.modelPath()));
        assertTrue(Files.isRegularFile(run.path().resolve("models/repeat-2/gold.zip")));
        assertEquals(0.0, r.summary().get("distance.testAgreement").std());
    }

    @Test
    void aWorstCaseRequestIsRepeatedWithDistinctSeedsAndTheFolderKeepsItsScores() throws Exception {
        ForgetSettings.Request q = new ForgetSettings.Request(ForgetRequestKind.WORST_CASE, 0, 0, 0, null, null,
                new ForgetSettings.Adversary(6, 0, SystemKnowledge.OUTPUT_AWARE, TrainingSetKnowledge.KNOWN, 0, 0));
        ExperimentConfig c = config(ForgetMethod.RETRAIN, q, 3);
        RunFolder run = RunFolder.createAt(dir.resolve("run"), c);
        ForgetResult r = new ForgetExperiment(c).withData(DATA).run(run, ExperimentListener.NONE,
                CancellationToken.none());
        assertEquals(3, r.repeats().stream().map(ForgetResult.Repeat::seed).distinct().count());
        double mean = r.summary().get("method.test").mean();
        for (ForgetResult.Repeat p : r.repeats()) {
            assertEquals(6, p.forgetSize());
            assertEquals(List.of(6, 6, 0, 0), List.of(p.requested().asked(), p.requested().accepted(),
                    p.requested().refusedUnseen(), p.requested().refusedDuplicate()));
            assertEquals("output-aware", p.requested().system());
            assertTrue(Math.abs(r.kept().method().test() - mean) <= Math.abs(p.method().test() - mean));
        }
        List<String> csv = Files.readAllLines(run.path().resolve(AdversarialRequests.CSV));
        assertEquals(AdversarialRequests.CSV_HEADER, csv.get(0));
        assertEquals(7, csv.size());
        double[] scores = csv.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[6])).toArray();
        for (int i = 1; i < scores.length; i++) {
            assertTrue(scores[i - 1] <= scores[i], "smallest margin first: " + csv);
        }
        assertEquals(Files.readAllLines(run.path().resolve("models/repeat-" + r.keptRepeat() + "/"
                + AdversarialRequests.CSV)), csv);
        assertEquals(6, run.readRemoved().size());
    }

    @Test
    void seedsOfRepeatsAreDistinct() {
        assertArrayEquals(new long[]{42, 43, 44, 45, 46}, ForgetExperiment.seeds(42, 5));
    }

    @Test
    void amunWritesTheEpsilonThatFlippedEachForgottenRow() throws Exception {
        ExperimentConfig c = config(ForgetMethod.AMUN, ForgetSettings.Request.of(ForgetRequestKind.CLASS, 0, 7,
                5, null, null), 1);
        RunFolder run = RunFolder.createAt(dir.resolve("amun"), c);
        new ForgetExperiment(c).withData(DATA).run(run, ExperimentListener.NONE, CancellationToken.none());

        List<AmunEpsilons.Entry> e = AmunEpsilons.read(run.path().resolve(AmunEpsilons.FILE));
        assertEquals(run.readRemoved().stream().map(RemovedSample::datasetIndex).toList(),
                e.stream().map(AmunEpsilons.Entry::datasetIndex).toList(), "one line per forgotten row, in order");
        assertTrue(e.stream().allMatch(x -> x.label() == 7));
        double max = c.forget().amun().epsilonMax();
        assertTrue(e.stream().allMatch(x -> Double.isNaN(x.epsilon()) || x.epsilon() > 0 && x.epsilon() <= max),
                e.toString());
        assertTrue(Files.isRegularFile(run.path().resolve("models/repeat-1/" + AmunEpsilons.FILE)));
    }

    @Test
    void sisaReportsWhatItRetrainedNextToTheGoldModel() throws Exception {
        ExperimentConfig c = config(ForgetMethod.SISA, ForgetSettings.Request.of(ForgetRequestKind.RANDOM_FRACTION,
                0.1, 0, 0, null, null), 1);
        ForgetResult r = new ForgetExperiment(c).withData(DATA).run(null, ExperimentListener.NONE,
                CancellationToken.none());
        ForgetResult.Repeat p = r.kept();
        assertNotNull(p.sisaBefore());
        assertNotNull(p.sisaRetrained());
        assertEquals(30, p.sisaRetrained().stream().mapToInt(t -> t.rowsForgotten()).sum());
        assertTrue(p.distance().testAgreement() >= 0 && p.distance().testAgreement() <= 1);
        assertNull(p.folder());
    }

    @Test
    void aRequestForRowsThatDoNotExistIsRefusedBeforeAnyTraining() throws Exception {
        ExperimentConfig c = config(ForgetMethod.RETRAIN, ForgetSettings.Request.of(ForgetRequestKind.CLASS, 0, 7,
                200, null, null), 1);
        String m = assertThrows(ForgetRequestException.class, () -> new ForgetExperiment(c).checkRequest(DATA))
                .getMessage();
        assertTrue(m.startsWith("forget.request.count: asks for 200 samples of class 7"), m);
    }

    @Test
    void aCancelledRunIsMarkedCancelled() throws Exception {
        ExperimentConfig c = config(ForgetMethod.RETRAIN, ForgetSettings.defaults().request(), 1);
        RunFolder run = RunFolder.createAt(dir.resolve("cancelled"), c);
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertNull(new ForgetExperiment(c).withData(DATA).run(run, ExperimentListener.NONE, token));
        assertEquals(RunStatus.CANCELLED, run.readSummary().status());
    }
}
