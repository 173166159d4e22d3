package org.unlearnlab.engine.attack;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.SmallMnist;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one place attacks are built: its seeding rule and that each kind maps to the attack it names. */
class AttackSuiteTest {
    private final Classifier model = SmallMnist.trainedLenet();
    private final TensorData data = TensorData.of(SmallMnist.split(100, 60).test());

    private INDArray pgdExamples(AttackSuite suite) {
        return suite.pgd().perturb(model, data.images(0, 60), data.labels(0, 60)).adversarial();
    }

    @Test
    void twoPgdAttacksOfOneSuiteStartFromTheSameRandomPoints() {
        AttackSuite suite = new AttackSuite(0.1, 2, 0.01, true, 7);
        assertEquals(pgdExamples(suite), pgdExamples(suite));
        assertEquals(pgdExamples(suite), pgdExamples(new AttackSuite(0.1, 2, 0.01, true, 7)));
    }

    @Test
    void theSeedDecidesTheRandomStart() {
        assertNotEquals(pgdExamples(new AttackSuite(0.1, 2, 0.01, true, 7)),
                pgdExamples(new AttackSuite(0.1, 2, 0.01, true, 8)));
    }

    @Test
    void aConfigsSuiteIsSeededWithItsTrainingSeed() {
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig cfg = d.withTraining(new ExperimentConfig.Training(1, 128, 1e-3, 1234));
        AttackSuite suite = AttackSuite.of(cfg);
        assertEquals(1234, suite.seed());
        assertEquals(d.attack().epsilon(), suite.epsilon());
        assertEquals(d.attack().pgdSteps(), suite.pgdSteps());
        assertEquals(pgdExamples(new AttackSuite(d.attack().epsilon(), d.attack().pgdSteps(),
                d.attack().pgdStepSize(), d.attack().pgdRandomStart(), 1234)), pgdExamples(suite));
    }

    @Test
    void eachKindIsTheAttackItNames() {
        AttackSuite suite = new AttackSuite(0.2, 3, 0.05, false, 1);
        FgsmAttack stable = assertInstanceOf(FgsmAttack.class, suite.attack(AttackKind.FGSM_STABLE));
        assertEquals(FgsmVariant.STABLE, stable.loss());
        FgsmAttack paper = assertInstanceOf(FgsmAttack.class, suite.attack(AttackKind.FGSM_PAPER));
        assertEquals(FgsmVariant.PAPER, paper.loss());
        assertInstanceOf(PgdAttack.class, suite.attack(AttackKind.PGD));
        assertInstanceOf(CarliniWagnerL2Attack.class, suite.attack(AttackKind.CW));
        for (AttackKind k : AttackKind.values()) {
            assertEquals(k.id(), suite.attack(k).id());
            if (k.usesEpsilon()) {
                assertEquals(0.2, suite.attack(k).epsilon());
                assertEquals(0.3, suite.atEpsilon(0.3).attack(k).epsilon());
            } else {
                assertTrue(Double.isNaN(suite.attack(k).epsilon()), k + " has no L-infinity budget");
            }
        }
    }

    @Test
    void carliniWagnerTakesTheSuitesSettingsAndKeepsThemAcrossBudgets() {
        AttackSuite suite = new AttackSuite(0.2, 3, 0.05, false, 1);
        CarliniWagnerL2Attack byDefault = suite.carliniWagner();
        assertEquals(CarliniWagnerL2Attack.DEFAULT_BINARY_STEPS, byDefault.binarySteps());
        assertEquals(CarliniWagnerL2Attack.DEFAULT_ADAM_STEPS, byDefault.adamSteps());
        assertEquals(CarliniWagnerL2Attack.DEFAULT_LEARNING_RATE, byDefault.learningRate());
        assertEquals(CarliniWagnerL2Attack.DEFAULT_INITIAL_C, byDefault.initialC());
        assertEquals(CarliniWagnerL2Attack.DEFAULT_KAPPA, byDefault.kappa());
        var mine = new AttackSuite.CarliniWagnerSettings(2, 7, 0.05, 0.5, 0.1);
        CarliniWagnerL2Attack cw = assertInstanceOf(CarliniWagnerL2Attack.class,
                suite.withCarliniWagner(mine).atEpsilon(0.4).attack(AttackKind.CW));
        assertEquals(mine, new AttackSuite.CarliniWagnerSettings(cw.binarySteps(), cw.adamSteps(), cw.learningRate(),
                cw.kappa(), cw.initialC()));
        assertEquals(0.4, suite.withCarliniWagner(mine).atEpsilon(0.4).epsilon());
    }

    @Test
    void theSweepsPgdCanCrossTheWholeBallAtLargeEpsilon() {
        // 3 steps of 0.05 reach 0.15; at eps 0.5 the scaled step must let 3 steps reach 0.5 and beyond.
        AttackSuite suite = new AttackSuite(0.5, 3, 0.05, false, 1);
        INDArray x = data.images(0, 60);
        INDArray scaled = suite.pgdScaledToEpsilon().perturb(model, x, data.labels(0, 60)).adversarial();
        INDArray fixed = suite.pgd().perturb(model, x, data.labels(0, 60)).adversarial();
        double reachScaled = scaled.sub(x).norm1Number().doubleValue();
        double reachFixed = fixed.sub(x).norm1Number().doubleValue();
        assertEquals(0.15, fixed.sub(x).amaxNumber().doubleValue(), 1e-5);
        assertTrue(reachScaled > reachFixed,
                "scaled PGD moved " + reachScaled + ", fixed-step PGD " + reachFixed);
    }
}
