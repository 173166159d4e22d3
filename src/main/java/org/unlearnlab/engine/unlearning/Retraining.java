package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.attack.AdversarialAttack;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.training.Trainer;

import java.util.Random;

/**
 * What the retraining-based methods share within one run: the trainer, the batch size, one shuffle stream for
 * the whole run (so a run's sample order depends on its seed alone, not on which method retrains), and the
 * attack of the adversarial-training baseline, or null.
 */
public record Retraining(Trainer trainer, int batchSize, Random shuffle, AdversarialAttack adversarial) {

    /** Trains {@code epochs} epochs on {@code rows}, reported as phase "iteration N". */
    public void train(Classifier model, int[] rows, int epochs, int iteration) {
        trainer.train(model, rows, batchSize, epochs, "iteration " + iteration, iteration, shuffle, adversarial);
    }
}
