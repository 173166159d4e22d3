package org.unlearnlab.app.attacklab;

import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.DigitChoice;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the attack lab asks of the engine, in plain arrays and engine records. Every method runs on the
 * engine thread, inside a background task; the view-model never sees a model or a tensor, and its tests
 * drive it with a fake.
 */
public interface AttackBackend {

    /** Class names of the test set, e.g. "0".."9". */
    List<String> classNames();

    /** The label of every test image, for choosing digits of one class. */
    int[] testLabels();

    /** Test indices by the engine's ranking: random, misclassified, or highest clean loss first. */
    int[] rank(DigitChoice choice, int count, long seed);

    List<AdversarialDigit> attack(int[] indices, AttackKind kind, double epsilon, ExperimentConfig.Attack settings);

    AdversarialDigit attackImage(float[] pixels, int label, AttackKind kind, double epsilon,
                                 ExperimentConfig.Attack settings);

    /** Class probabilities of one 28x28 image. */
    float[] probabilities(float[] pixels);

    List<SweepPoint> sweep(int subset, double[] epsilons, ExperimentConfig.Attack settings,
                           Consumer<SweepPoint> onPoint, CancellationToken token);
}
