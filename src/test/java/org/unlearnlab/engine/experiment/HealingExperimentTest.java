package org.unlearnlab.engine.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetMethod;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.HealingData;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.config.TwinMetric;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.healing.HealedModel;
import org.unlearnlab.engine.healing.TwinPair;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A healing run end to end on 400 real MNIST images, 100 of them spares. */
class HealingExperimentTest {
    private static final DatasetSplit DATA = SmallMnist.split(400, 100);

    @TempDir
    Path dir;

    private static ExperimentConfig config(HealingSettings h) {
        ForgetSettings d = ForgetSettings.defaults();
        return ExperimentConfig.defaults().withName("h")
                .withData(new ExperimentConfig.Data(null, 400, 100))
                .withTraining(new ExperimentConfig.Training(2, 50, 1e-3, 3))
                .withForget(new ForgetSettings(ForgetMethod.RETRAIN, ForgetSettings.Request.of(
                        ForgetRequestKind.CLASS, 0, 7, 5, null, null), 1, d.sisa(), d.fisher(), d.influence(),
                        d.amun()))
                .withHealing(h);
    }

    @Test
    void healsFromTheHeldOutSparesAndWritesTheTableAndTheTwins() throws Exception {
        ExperimentConfig c = config(new HealingSettings(100, List.of(HealingStrategy.RANDOM_SPARES,
                HealingStrategy.TWINS), List.of(TwinMetric.L2, TwinMetric.FEATURE_MAHALANOBIS), -1,
                List.of(HealingData.REMAINING, HealingData.REMAINING_PLUS_HEALING), List.of(1, 0)));
        RunFolder run = RunFolder.createAt(dir.resolve("run"), c);
        HealingResult r = new HealingExperiment(c).withData(DATA).run(run, ExperimentListener.NONE,
                CancellationToken.none());
        assertEquals(RunStatus.COMPLETE, run.readSummary().status());
        assertEquals(300, r.trainSize());
        assertEquals(5, r.forgetSize());
        // R, R+S, R+T-l2, R+T-feature-mahalanobis, for 1 epoch and for half of 2 = 1 epoch.
        assertEquals(List.of("R", "R+S", "R+T-l2", "R+T-feature-mahalanobis"), r.models().stream().limit(4)
                .map(HealedModel::configuration).toList());
        assertEquals(8, r.models().size());
        assertEquals(List.of(0, 5, 5, 5), r.models().stream().limit(4).map(HealedModel::added).toList());
        assertEquals(1, r.table().size(), "both lengths are 1 epoch: one line of the table");
        assertTrue(r.searches().get(2).shrinkageIntensity() > 0);
        ForgetResult forget = ForgetResult.read(run.path().resolve(ForgetResult.FILE));
        assertEquals(300, forget.trainSize(), "the spares are held out of the original and gold models");

        List<String> twins = Files.readAllLines(run.path().resolve(HealingResult.TWINS_CSV));
        assertEquals(1 + 15, twins.size());
        for (String line : twins.subList(1, twins.size())) {
            String[] f = line.split(",", -1);
            assertEquals("7", f[1]);
            int spare = Integer.parseInt(f[2]);
            assertTrue(spare >= 300 && spare < 400, line);
        }
        List<TwinPair> pairs = HealingResult.readTwins(run.path());
        assertEquals(15, pairs.size());
        assertNull(pairs.get(0).metric(), "random spares come first");
        assertEquals(TwinMetric.FEATURE_MAHALANOBIS, pairs.get(14).metric());
        assertEquals(5, pairs.stream().filter(p -> p.metric() == TwinMetric.L2).map(TwinPair::twinRow).distinct()
                .count(), "no twin is used twice");
        assertEquals(r.models().size(), HealingResult.read(run.path().resolve(HealingResult.FILE)).models().size());
        assertTrue(Files.readString(run.path().resolve(HealingResult.TABLE_MARKDOWN)).contains("| Best Acc (%) |"));
        assertEquals(3 + 8 + 1, Files.readAllLines(run.path().resolve(HealingResult.TABLE_CSV)).size());
    }

    @Test
    void aWorstCaseRequestIsHealedOnTheRowsItsRepeatForgot() throws Exception {
        ForgetSettings d = ForgetSettings.defaults();
        ExperimentConfig c = config(new HealingSettings(100, List.of(HealingStrategy.TWINS), List.of(TwinMetric.L2),
                -1, List.of(HealingData.REMAINING_PLUS_HEALING), List.of(1)))
                .withForget(new ForgetSettings(ForgetMethod.RETRAIN, new ForgetSettings.Request(
                        ForgetRequestKind.WORST_CASE, 0, 0, 0, null, null, new ForgetSettings.Adversary(4, 0,
                        SystemKnowledge.OUTPUT_AWARE, TrainingSetKnowledge.KNOWN, 0, 0)), 1, d.sisa(), d.fisher(),
                        d.influence(), d.amun()));
        RunFolder run = RunFolder.createAt(dir.resolve("worst"), c);
        new HealingExperiment(c).withData(DATA).run(run, ExperimentListener.NONE, CancellationToken.none());
        assertEquals(RunStatus.COMPLETE, run.readSummary().status());
        List<Integer> forgotten = run.readRemoved().stream().map(RemovedSample::datasetIndex).sorted().toList();
        assertEquals(4, forgotten.size());
        assertEquals(forgotten, HealingResult.readTwins(run.path()).stream().map(TwinPair::forgottenRow).sorted()
                .toList(), "the twins are found for the rows the worst-case request forgot");
    }

    @Test
    void tooManySparesOrAMissingLayerAreRefusedBeforeARunExists() {
        HealingSettings d = HealingSettings.defaults();
        ForgetRequestException e = assertThrows(ForgetRequestException.class, () -> new HealingExperiment(config(
                new HealingSettings(250, d.strategies(), d.metrics(), -1, d.data(), d.epochs()))).check(DATA));
        assertTrue(e.getMessage().startsWith("healing.spareSize"), e.getMessage());
        e = assertThrows(ForgetRequestException.class, () -> new HealingExperiment(config(
                new HealingSettings(100, d.strategies(), d.metrics(), 40, d.data(), d.epochs()))).check(DATA));
        assertTrue(e.getMessage().startsWith("healing.featureLayer"), e.getMessage());
    }

    @Test
    void aCancelledHealingRunIsRecordedAsCancelled() throws Exception {
        HealingSettings d = HealingSettings.defaults();
        ExperimentConfig c = config(new HealingSettings(100, d.strategies(), d.metrics(), -1, d.data(), d.epochs()));
        RunFolder run = RunFolder.createAt(dir.resolve("cancelled"), c);
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertNull(new HealingExperiment(c).withData(DATA).run(run, ExperimentListener.NONE, token));
        assertEquals(RunStatus.CANCELLED, run.readSummary().status());
    }
}
