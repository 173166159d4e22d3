package org.unlearnlab.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The LeNet-5 trained on all of MNIST that ships with UnlearnLab, so the attack lab works before any
 * training. Regenerate it with the command in README ("The bundled model").
 *
 * <p>Loaded without DL4J's own zip reader, for start-up time: that reader parses the configuration through DL4J's
 * JSON mapper, whose first use costs more than a second on two busy cores (measured: 2.1 s for the first load
 * against 0.6 s this way). The network is built from its preset with the seed and learning rate the zip's
 * configuration names, then given the zip's parameters, updater state and iteration count: the same network,
 * configuration included, as {@code ModelSerializer} restores ({@code BundledModelTest} compares them).
 */
public final class BundledModel {
    public static final String RESOURCE = "/unlearnlab/models/lenet5-mnist.zip";
    public static final ModelPreset PRESET = ModelPreset.LENET5;
    /** What to give wherever a model zip is asked for ({@code eval --model bundled}) to mean this model. */
    public static final String NAME = "bundled";

    private BundledModel() {
    }

    /** Whether {@code path} names the bundled model: "bundled", when no file of that name is there. */
    public static boolean isNamedBy(Path path) {
        return NAME.equals(path.toString()) && !Files.exists(path);
    }

    public static boolean available() {
        return BundledModel.class.getResource(RESOURCE) != null;
    }

    public static Classifier load() throws IOException {
        NativeBackend.initialise();
        Map<String, byte[]> entries = entries();
        byte[] conf = entries.get("configuration.json");
        byte[] coefficients = entries.get("coefficients.bin");
        if (conf == null || coefficients == null) {
            throw new ModelFileException("lenet5-mnist.zip: the bundled model lacks configuration.json or "
                    + "coefficients.bin");
        }
        JsonNode json = new ObjectMapper().readTree(conf);
        JsonNode first = json.path("confs").path(0);
        MultiLayerNetwork net = NetworkFactory.trainable(PRESET,
                first.path("layer").path("iupdater").path("learningRate").asDouble(), first.path("seed").asLong());
        net.getLayerWiseConfigurations().setIterationCount(json.path("iterationCount").asInt());
        net.getLayerWiseConfigurations().setEpochCount(json.path("epochCount").asInt());
        net.setParams(read(coefficients));
        byte[] updater = entries.get("updaterState.bin");
        if (updater != null) {
            net.getUpdater().setStateViewArray(net, read(updater), false);
        }
        return Classifier.wrap(PRESET, net, "lenet5-mnist.zip");
    }

    private static INDArray read(byte[] bytes) throws IOException {
        return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static Map<String, byte[]> entries() throws IOException {
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFileException("lenet5-mnist.zip: the bundled model is missing from this build");
            }
            Map<String, byte[]> out = new HashMap<>();
            try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    out.put(e.getName(), zip.readAllBytes());
                }
            }
            return out;
        }
    }
}
