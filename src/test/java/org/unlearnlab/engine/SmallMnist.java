package org.unlearnlab.engine;

import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.training.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Real MNIST, cut small enough for unit tests, and a LeNet-5 trained on it once per JVM. */
public final class SmallMnist {
    private static Classifier trained;

    private SmallMnist() {
    }

    public static DatasetSplit split(int train, int test) {
        try {
            return DatasetLoader.bundledMnist().limit(train, test);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LeNet-5 after one epoch on 3,000 images (about 90% test accuracy); shared, do not train it further. */
    public static synchronized Classifier trainedLenet() {
        if (trained == null) {
            DatasetSplit s = split(3000, 500);
            trained = Classifier.create(ModelPreset.LENET5, 1e-3, 42);
            new Trainer(TensorData.of(s.train()), TensorData.of(s.test()), 200, ExperimentListener.NONE,
                    CancellationToken.none()).train(trained, Trainer.range(3000), 64, 1, "test", 0, new Random(1), null);
        }
        return trained;
    }
}
