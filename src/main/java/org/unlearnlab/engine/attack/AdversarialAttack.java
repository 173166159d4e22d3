package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.model.Classifier;

/** An L-infinity attack that perturbs a batch of images within {@link #epsilon()}. */
public interface AdversarialAttack {

    /** "fgsm-stable", "fgsm-paper", "pgd": the name in metrics files and charts. */
    String id();

    double epsilon();

    /**
     * @param images   [n, 1, 28, 28] in [0, 1]; not modified
     * @param oneHot   true labels [n, 10]
     */
    AttackBatch perturb(Classifier model, INDArray images, INDArray oneHot);
}
