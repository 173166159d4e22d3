package org.unlearnlab.engine.diagnostics;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.model.BundledModel;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.ModelTraining;
import org.unlearnlab.engine.training.TrainingData;

import java.io.IOException;

/**
 * The separately trained clean model that transfer attacks are crafted on. For MNIST it is the bundled
 * LeNet-5 (trained on all 60,000 images with its own seed); for other data a LeNet-5 is trained here.
 */
public record CleanSurrogate(Classifier model, String name) {

    /** Seed offset so that a surrogate trained here never shares initial weights with the model under test. */
    static final long SEED_OFFSET = 1_000_003;

    /** Training images a surrogate trained here uses at most, so that a diagnosis stays a matter of seconds. */
    static final int MAX_TRAIN = 12_000;

    /**
     * @param underTest the model to be diagnosed: when it is the bundled model itself, a surrogate is trained
     *                  instead, since a transfer attack from a model to itself would be a white-box attack
     */
    public static CleanSurrogate forData(ImageDataset train, TensorData test, int epochs, long seed, Classifier underTest,
                                         ExperimentListener listener, CancellationToken token) throws IOException {
        if (DatasetLoader.MNIST.equals(train.name()) && BundledModel.available()) {
            Classifier bundled = BundledModel.load();
            if (!sameWeights(bundled, underTest)) {
                return new CleanSurrogate(bundled, "the bundled LeNet-5 (lenet5-mnist.zip)");
            }
        }
        long s = seed + SEED_OFFSET;
        int e = Math.max(1, Math.min(2, epochs));
        ImageDataset data = train.head(MAX_TRAIN);
        listener.log("transfer attack: training a clean LeNet-5 surrogate");
        ExperimentConfig config = ExperimentConfig.defaults().withModel(new ExperimentConfig.Model(ModelPreset.LENET5))
                .withTraining(new ExperimentConfig.Training(e, 128, 0.001, s))
                .withEvaluation(new ExperimentConfig.Evaluation(1000, false));
        Classifier model = ModelTraining.trainFresh(config,
                new TrainingData(new DatasetSplit(data, test.source(), "surrogate"), TensorData.of(data), test),
                "surrogate", listener, token);
        return new CleanSurrogate(model, "a clean LeNet-5 trained here on " + data.size() + " images (seed " + s + ")");
    }

    static boolean sameWeights(Classifier a, Classifier b) {
        return b != null && a.preset() == b.preset() && a.network().params().equals(b.network().params());
    }
}
