package org.unlearnlab.app.attacklab;

import org.unlearnlab.app.AppContext;
import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.AttackLab;
import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.eval.EpsilonSweep;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.List;
import java.util.function.Consumer;

/** The attack lab's engine calls on the app's current model and test set (engine thread only). */
public final class EngineAttackBackend implements AttackBackend {
    /** The attack lab has no experiment of its own: its PGD starts are seeded as a default config's would be. */
    private static final long SEED = ExperimentConfig.defaults().training().seed();

    private final AppContext context;

    public EngineAttackBackend(AppContext context) {
        this.context = context;
    }

    private Classifier model() {
        Classifier m = context.engineModel();
        if (m == null) {
            throw new IllegalStateException("No model yet: train one on the Training page, or wait for the "
                    + "bundled model to load.");
        }
        return m;
    }

    private ImageDataset test() {
        ImageDataset test = context.testSet();
        if (test == null) {
            throw new IllegalStateException("The dataset is still loading.");
        }
        return test;
    }

    @Override
    public List<String> classNames() {
        return test().classNames();
    }

    @Override
    public int[] testLabels() {
        return test().labels().clone();
    }

    @Override
    public int[] rank(DigitChoice choice, int count, long seed) {
        return AttackLab.rank(model(), test(), choice, count, seed);
    }

    @Override
    public List<AdversarialDigit> attack(int[] indices, AttackKind kind, double epsilon,
                                         ExperimentConfig.Attack settings) {
        return AttackLab.attack(model(), test(), indices, attackOf(kind, epsilon, settings));
    }

    @Override
    public AdversarialDigit attackImage(float[] pixels, int label, AttackKind kind, double epsilon,
                                        ExperimentConfig.Attack settings) {
        return AttackLab.attackImage(model(), pixels, label, attackOf(kind, epsilon, settings));
    }

    private static AdversarialAttack attackOf(AttackKind kind, double epsilon, ExperimentConfig.Attack settings) {
        // The lab waits for its answer on the one engine thread: C&W with a quarter of its default passes.
        return AttackSuite.of(settings, SEED).atEpsilon(epsilon)
                .withCarliniWagner(AttackSuite.CarliniWagnerSettings.INTERACTIVE).attack(kind);
    }

    @Override
    public float[] probabilities(float[] pixels) {
        return model().probabilities(pixels, 1)[0];
    }

    @Override
    public List<SweepPoint> sweep(int subset, double[] epsilons, ExperimentConfig.Attack settings,
                                  Consumer<SweepPoint> onPoint, CancellationToken token) {
        return EpsilonSweep.run(model(), test(), subset, epsilons, AttackSuite.of(settings, SEED), onPoint, token);
    }
}
