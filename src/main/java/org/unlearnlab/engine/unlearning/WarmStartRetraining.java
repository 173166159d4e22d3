package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;

import java.util.List;

/**
 * The paper's step (its Figs. 7-9 call {@code model.fit} again on the same model): keep the current weights and
 * optimiser state and train more epochs on what remains. Cheap, but what the model learned from the removed
 * samples is only diluted, not taken out; compare it with {@link RetrainFromScratch}.
 */
public final class WarmStartRetraining implements UnlearningMethod {
    private final Retraining retraining;
    private final int epochs;

    public WarmStartRetraining(Retraining retraining, int epochs) {
        this.retraining = retraining;
        this.epochs = epochs;
    }

    @Override
    public String id() {
        return RetrainMode.CONTINUE.id();
    }

    @Override
    public Classifier forget(Classifier model, int[] remaining, List<RemovedSample> forgotten, int iteration) {
        retraining.train(model, remaining, epochs, iteration);
        return model;
    }
}
