package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.model.Classifier;

/**
 * Adversarial examples crafted on another model (the surrogate) and shown to the model under test. A model
 * whose own gradients are informative resists these at least as well as attacks that use its gradients; one
 * that falls to them more easily is hiding its weakness from gradient-based attacks (gradient masking).
 */
public final class TransferAttack implements AdversarialAttack {
    private final Classifier surrogate;
    private final AdversarialAttack crafted;

    public TransferAttack(Classifier surrogate, AdversarialAttack craftedOnSurrogate) {
        this.surrogate = surrogate;
        this.crafted = craftedOnSurrogate;
    }

    @Override
    public String id() {
        return "transfer-" + crafted.id();
    }

    @Override
    public double epsilon() {
        return crafted.epsilon();
    }

    /** The zero-gradient flags are the surrogate's: those inputs were not moved. */
    @Override
    public AttackBatch perturb(Classifier model, INDArray images, INDArray oneHot) {
        return crafted.perturb(surrogate, images, oneHot);
    }
}
