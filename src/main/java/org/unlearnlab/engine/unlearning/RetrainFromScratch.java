package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.config.RetrainMode;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;

import java.util.List;

/**
 * Exact unlearning, the gold standard: a fresh model with the run's initial seed, trained as long as the first
 * model on the rows that remain. Nothing of the removed samples can survive in it; every approximate method is
 * judged by how close it comes to this model, on the forgotten and on the remaining data.
 */
public final class RetrainFromScratch implements UnlearningMethod {
    private final Retraining retraining;
    private final ModelPreset preset;
    private final double learningRate;
    private final long seed;
    private final int epochs;

    public RetrainFromScratch(Retraining retraining, ModelPreset preset, double learningRate, long seed, int epochs) {
        this.retraining = retraining;
        this.preset = preset;
        this.learningRate = learningRate;
        this.seed = seed;
        this.epochs = epochs;
    }

    @Override
    public String id() {
        return RetrainMode.SCRATCH.id();
    }

    @Override
    public Classifier forget(Classifier model, int[] remaining, List<RemovedSample> forgotten, int iteration) {
        Classifier fresh = Classifier.create(preset, learningRate, seed);
        retraining.train(fresh, remaining, epochs, iteration);
        return fresh;
    }
}
