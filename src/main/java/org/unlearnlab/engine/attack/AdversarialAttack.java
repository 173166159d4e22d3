package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.model.Classifier;

/**
 * An attack that perturbs a batch of images: within the L-infinity ball of {@link #epsilon()}, or, for
 * Carlini-Wagner, as little as it can in L2 (its epsilon is NaN).
 */
public interface AdversarialAttack {

    /** "fgsm-stable", "fgsm-paper", "pgd", "cw": the name in metrics files and charts. */
    String id();

    /** The L-infinity budget; NaN for an attack that has none (C&amp;W). */
    double epsilon();

    /**
     * @param images   [n, 1, 28, 28] in [0, 1]; not modified
     * @param oneHot   true labels [n, 10]
     */
    AttackBatch perturb(Classifier model, INDArray images, INDArray oneHot);
}
