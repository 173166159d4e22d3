package org.unlearnlab.engine.training;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.Random;

/**
 * Trains a fresh model as a config says: its preset, Adam at its learning rate, its seed for the initial
 * weights and for the order of the samples. The {@code train} command, the app's Training page, runs,
 * comparisons and the diagnostics' surrogate all train through here, so a config means the same model
 * wherever it is trained.
 */
public final class ModelTraining {
    /** The phase name of a first training, in progress events and metrics.jsonl. */
    public static final String INITIAL = "initial";

    private ModelTraining() {
    }

    /**
     * Trains {@code config.training().epochs()} epochs on all of {@code data.train()}, reporting each epoch's
     * clean accuracy on the first {@code config.evaluation().iterationSubset()} test images.
     *
     * @param phase what the progress events call this training ({@link #INITIAL} for a run's first model)
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static Classifier trainFresh(ExperimentConfig config, TrainingData data, String phase,
                                        ExperimentListener events, CancellationToken token) {
        ExperimentConfig.Training t = config.training();
        Classifier model = Classifier.create(config.model().preset(), t.learningRate(), t.seed());
        events.log("training " + config.model().preset().id() + " (" + model.parameterCount() + " parameters): "
                + t.epochs() + " epoch(s) on " + data.train().size() + " images, batch " + t.batchSize()
                + ", learning rate " + t.learningRate() + ", seed " + t.seed());
        new Trainer(data.train(), data.test(), config.evaluation().iterationSubset(), events, token)
                .train(model, Trainer.range(data.train().size()), t.batchSize(), t.epochs(), phase, 0,
                        new Random(t.seed()), null);
        return model;
    }
}
