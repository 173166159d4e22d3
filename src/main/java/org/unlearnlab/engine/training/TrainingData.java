package org.unlearnlab.engine.training;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.model.TensorData;

import java.io.IOException;

/**
 * A config's data as the engine trains and evaluates on it: the split with the config's limits applied, and
 * both halves as tensors.
 */
public record TrainingData(DatasetSplit split, TensorData train, TensorData test) {

    /**
     * @param loaded the data already in memory (the app's, a comparison's), or null to load {@code data.folder()}
     *               (null there means the bundled MNIST)
     * @throws IOException when the data cannot be read; the message names the file
     */
    public static TrainingData of(ExperimentConfig.Data data, DatasetSplit loaded) throws IOException {
        return of(split(data, loaded));
    }

    /** Tensors of a split whose limits are already applied. */
    public static TrainingData of(DatasetSplit split) {
        return new TrainingData(split, TensorData.of(split.train()), TensorData.of(split.test()));
    }

    /** The split alone, for callers that make the tensors of one half only when they need them. */
    public static DatasetSplit split(ExperimentConfig.Data data, DatasetSplit loaded) throws IOException {
        return (loaded != null ? loaded : DatasetLoader.load(data.folder())).limit(data.trainLimit(), data.testLimit());
    }

    /** What a log line says about the data: where it came from and how much of it is used. */
    public String describe() {
        return split.source() + ", " + train.size() + " training and " + test.size() + " test images";
    }
}
