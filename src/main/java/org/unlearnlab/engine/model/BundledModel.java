package org.unlearnlab.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.io.IOException;
import java.io.InputStream;

/**
 * The LeNet-5 trained on all of MNIST that ships with UnlearnLab, so the attack lab works before any
 * training. Regenerate it with the command in README ("The bundled model").
 */
public final class BundledModel {
    public static final String RESOURCE = "/unlearnlab/models/lenet5-mnist.zip";
    public static final ModelPreset PRESET = ModelPreset.LENET5;

    private BundledModel() {
    }

    public static boolean available() {
        return BundledModel.class.getResource(RESOURCE) != null;
    }

    public static Classifier load() throws IOException {
        NativeBackend.initialise();
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFileException("lenet5-mnist.zip: the bundled model is missing from this build");
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(in, true);
            return Classifier.wrap(PRESET, net, "lenet5-mnist.zip");
        }
    }
}
