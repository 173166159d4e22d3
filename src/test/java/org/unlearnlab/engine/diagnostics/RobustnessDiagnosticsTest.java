package org.unlearnlab.engine.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.attack.FgsmAttack;
import org.unlearnlab.engine.attack.PgdAttack;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.model.BundledModel;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each check on constructed cases: models and attacks built to trip it, and a plain model that must pass. */
class RobustnessDiagnosticsTest {
    private static final CancellationToken NONE = CancellationToken.none();

    private static TensorData test(int n) {
        return TensorData.of(SmallMnist.split(100, n).test());
    }

    /** A copy of the shared small model with its output layer scaled, so its softmax saturates. */
    private static Classifier saturated(Path dir, double factor) throws Exception {
        Path zip = dir.resolve("saturated.zip");
        SmallMnist.trainedLenet().save(zip);
        Classifier model = Classifier.load(zip, ModelPreset.LENET5);
        var out = model.network().getLayer(model.network().getnLayers() - 1);
        out.getParam("W").muli(factor);
        out.getParam("b").muli(factor);
        return model;
    }

    @Test
    void aModelWithSaturatedOutputsTripsTheZeroGradientCheck(@TempDir Path dir) throws Exception {
        Classifier model = saturated(dir, 30);
        TensorData t = test(300);
        AttackSummary stable = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.STABLE), NONE);
        AttackSummary paper = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.PAPER), NONE);

        DiagnosticCheck check = RobustnessDiagnostics.zeroGradient(stable, paper);

        assertEquals(Verdict.FAIL, check.verdict(), check.explanation());
        assertTrue(check.explanation().contains("clipped-softmax"), check.explanation());
        assertTrue(check.explanation().contains(paper.zeroGradientCount() + " of 300"), check.explanation());
    }

    @Test
    void theSameModelUnscaledPassesTheZeroGradientCheck() {
        TensorData t = test(300);
        Classifier model = SmallMnist.trainedLenet();
        AttackSummary stable = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.STABLE), NONE);
        AttackSummary paper = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.PAPER), NONE);
        assertEquals(Verdict.PASS, RobustnessDiagnostics.zeroGradient(stable, paper).verdict());
    }

    @Test
    void aPgdWeakerThanFgsmTripsThePgdCheck() {
        TensorData t = test(300);
        Classifier model = SmallMnist.trainedLenet();
        AttackSummary stable = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.STABLE), NONE);
        AttackSummary paper = Evaluator.attacked(model, t, 0, new FgsmAttack(0.1, FgsmVariant.PAPER), NONE);
        // One step of 0.001 cannot reach the budget FGSM uses in one step of 0.1.
        AttackSummary weakPgd = Evaluator.attacked(model, t, 0, new PgdAttack(0.1, 1, 0.001, false, 1), NONE);
        AttackSummary realPgd = Evaluator.attacked(model, t, 0, new PgdAttack(0.1, 10, 0.02, true, 1), NONE);

        DiagnosticCheck weak = RobustnessDiagnostics.pgdVersusFgsm(stable, paper, weakPgd);
        assertEquals(Verdict.FAIL, weak.verdict(), weak.explanation());
        assertEquals(Verdict.PASS, RobustnessDiagnostics.pgdVersusFgsm(stable, paper, realPgd).verdict());
    }

    @Test
    void pgdSlightlyWeakerWithinSamplingErrorIsAWarning() {
        AttackSummary fgsm = new AttackSummary("fgsm-stable", 0.1, 0.50, 1, 0, 1000);
        AttackSummary pgd = new AttackSummary("pgd", 0.1, 0.51, 1, 0, 1000);
        assertEquals(Verdict.WARN, RobustnessDiagnostics.pgdVersusFgsm(fgsm, fgsm, pgd).verdict());
    }

    @Test
    void aFlatSweepFailsAFallingOnePassesARisingOneFails() {
        assertEquals(Verdict.FAIL, RobustnessDiagnostics.epsilonSweep(sweep(0.95, 0.9, 0.9, 0.88), 10).verdict());
        assertEquals(Verdict.PASS, RobustnessDiagnostics.epsilonSweep(sweep(0.95, 0.5, 0.1, 0.02), 10).verdict());
        assertEquals(Verdict.WARN, RobustnessDiagnostics.epsilonSweep(sweep(0.95, 0.6, 0.4, 0.35), 10).verdict());
        DiagnosticCheck rising = RobustnessDiagnostics.epsilonSweep(sweep(0.95, 0.2, 0.1, 0.6), 10);
        assertEquals(Verdict.FAIL, rising.verdict());
        assertTrue(rising.explanation().contains("rose"), rising.explanation());
    }

    @Test
    void aSweepThatStopsEarlyOnlyWarns() {
        List<SweepPoint> shortSweep = List.of(point(0, 0.95), point(0.2, 0.9));
        assertEquals(Verdict.WARN, RobustnessDiagnostics.epsilonSweep(shortSweep, 10).verdict());
    }

    @Test
    void transferStrongerThanWhiteBoxFails() {
        AttackSummary stable = new AttackSummary("fgsm-stable", 0.1, 0.80, 1, 0, 1000);
        AttackSummary paper = new AttackSummary("fgsm-paper", 0.1, 0.85, 1, 400, 1000);
        AttackSummary pgd = new AttackSummary("pgd", 0.1, 0.78, 1, 0, 1000);
        AttackSummary strongTransfer = new AttackSummary("transfer-fgsm-stable", 0.1, 0.40, 1, 0, 1000);
        AttackSummary weakTransfer = new AttackSummary("transfer-fgsm-stable", 0.1, 0.90, 1, 0, 1000);
        assertEquals(Verdict.FAIL, RobustnessDiagnostics.transfer(stable, paper, pgd, strongTransfer, "s").verdict());
        assertEquals(Verdict.PASS, RobustnessDiagnostics.transfer(stable, paper, pgd, weakTransfer, "s").verdict());
        assertEquals(Verdict.WARN, RobustnessDiagnostics.transfer(stable, paper, pgd, null, null).verdict());
    }

    @Test
    void aPlainTrainedModelPassesAllFourMeasuredChecks() throws Exception {
        TensorData t = test(200);
        // C&W on the first 20 only, with few steps: its figures are checked, not its precision.
        AttackSuite suite = new AttackSuite(0.1, 10, 0.02, true, 1)
                .withCarliniWagner(new AttackSuite.CarliniWagnerSettings(4, 40, 0.1, 0, 0.1));
        var settings = new RobustnessDiagnostics.Settings(suite, 200, new double[]{0, 0.1, 0.3, 0.5}, 20);
        List<String> progress = new ArrayList<>();
        DiagnosticsReport r = RobustnessDiagnostics.run("small", SmallMnist.trainedLenet(), t, BundledModel.load(),
                "bundled", settings, progress::add, NONE);

        assertEquals(4, r.checks().size());
        for (DiagnosticCheck c : r.checks()) {
            assertEquals(Verdict.PASS, c.verdict(), c.id() + ": " + c.explanation());
        }
        assertNotNull(r.transfer());
        assertEquals(4, r.sweep().size());
        assertTrue(r.sweep().get(3).pgd() < 0.2, "PGD at eps 0.5 must bring accuracy near chance");
        assertTrue(progress.size() >= 4);
        assertEquals(20, r.carliniWagner().evaluated());
        assertTrue(r.carliniWagner().successRate() > 0.5, r.carliniWagner().toString());
        assertTrue(r.carliniWagner().medianL2() > 0, r.carliniWagner().toString());
    }

    @Test
    void aSaturatedModelIsFlaggedByTheFullDiagnostics(@TempDir Path dir) throws Exception {
        Classifier model = saturated(dir, 30);
        var settings = new RobustnessDiagnostics.Settings(new AttackSuite(0.1, 10, 0.02, true, 1), 200, new double[]{0, 0.5})
                .withCarliniWagnerSubset(0);
        DiagnosticsReport r = RobustnessDiagnostics.run("saturated", model, test(200), null, null, settings, s -> {
        }, NONE);
        assertEquals(Verdict.FAIL, r.check(RobustnessDiagnostics.ZERO_GRADIENT).verdict());
        assertEquals(Verdict.FAIL, r.overall());

        Path file = dir.resolve("diagnostics.json");
        DiagnosticsFiles.write(r, file);
        DiagnosticsReport back = DiagnosticsFiles.read(file);
        assertEquals(r.checks(), back.checks());
        assertEquals(r.fgsmPaper(), back.fgsmPaper());
        assertEquals(null, back.carliniWagner(), "C&W was switched off");
    }

    @Test
    void theBundledModelIsNeverItsOwnTransferSurrogate() throws Exception {
        var split = SmallMnist.split(600, 100);
        TensorData t = TensorData.of(split.test());
        Classifier bundled = BundledModel.load();
        CleanSurrogate other = CleanSurrogate.forData(split.train(), t, 1, 3, SmallMnist.trainedLenet(),
                org.unlearnlab.engine.progress.ExperimentListener.NONE, NONE);
        assertTrue(other.name().contains("bundled"), other.name());
        CleanSurrogate self = CleanSurrogate.forData(split.train(), t, 1, 3, bundled,
                org.unlearnlab.engine.progress.ExperimentListener.NONE, NONE);
        assertTrue(self.name().contains("trained here"), self.name());
        assertTrue(!CleanSurrogate.sameWeights(self.model(), bundled));
    }

    private static List<SweepPoint> sweep(double... strongest) {
        double[] eps = {0, 0.1, 0.3, 0.5};
        List<SweepPoint> out = new ArrayList<>();
        for (int i = 0; i < strongest.length; i++) {
            out.add(point(eps[i], strongest[i]));
        }
        return out;
    }

    private static SweepPoint point(double eps, double acc) {
        return new SweepPoint(eps, acc + 0.05, acc + 0.05, acc, 0, 0, 1000);
    }
}
