package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;

import java.util.List;

/**
 * How a model forgets: from the model trained so far, the training rows that remain and the samples a request
 * just removed, make the model that is evaluated next. The paper's loop keeps training the same weights
 * ({@link WarmStartRetraining}); retraining from scratch ({@link RetrainFromScratch}) is the gold standard every
 * other method is judged against. A new method is one implementation, its config section and its test, plus
 * one line in {@link #forConfig}.
 */
public interface UnlearningMethod {

    /** The name used in configs, metrics files and charts. */
    String id();

    /**
     * @param model     the model before this request; an implementation may change it in place and return it
     * @param remaining dataset indices of the training rows that remain
     * @param forgotten what the request removed (empty for the baselines that remove nothing)
     * @param iteration 1-based, for progress events and metrics
     * @return the model after forgetting
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    Classifier forget(Classifier model, int[] remaining, List<RemovedSample> forgotten, int iteration);

    /** The method a config's unlearning section asks for, retraining as {@code retraining} says. */
    static UnlearningMethod forConfig(ExperimentConfig config, Retraining retraining) {
        return switch (config.unlearning().retrain()) {
            case CONTINUE -> new WarmStartRetraining(retraining, config.unlearning().retrainEpochs());
            case SCRATCH -> new RetrainFromScratch(retraining, config.model().preset(),
                    config.training().learningRate(), config.training().seed(), config.training().epochs());
        };
    }

    /**
     * The method a config's forget section asks for. Every method gets the same training tensors and the same
     * {@code retraining}; SISA is not here because it is not one model but an ensemble (SisaEnsemble).
     */
    static UnlearningMethod forForget(ExperimentConfig config, TensorData train, Retraining retraining) {
        ForgetSettings f = config.forget();
        return switch (f.method()) {
            case RETRAIN -> new RetrainFromScratch(retraining, config.model().preset(),
                    config.training().learningRate(), config.training().seed(), config.training().epochs());
            case SISA -> throw new IllegalArgumentException("SISA answers a request with its ensemble, not one model");
            case FISHER -> new FisherForgetting(train, f.fisher(), config.training().seed(),
                    retraining.trainer().listener(), retraining.trainer().token());
            case INFLUENCE -> new InfluenceForgetting(train, f.influence(), config.training().seed(),
                    retraining.trainer().listener(), retraining.trainer().token());
            case AMUN -> new AmunForgetting(train, f.amun(), retraining, config.training().seed(),
                    retraining.trainer().listener(), retraining.trainer().token());
        };
    }
}
