package org.unlearnlab.engine.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.fastpath.FastPath;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained or training model of one preset, with the logit views the attacks differentiate.
 * Not thread-safe: like all ND4J work, use it from the engine thread only.
 */
public final class Classifier {
    private final ModelPreset preset;
    private final MultiLayerNetwork network;
    private MultiLayerNetwork stableView;
    private MultiLayerNetwork paperView;
    private MultiLayerNetwork directionView;

    private Classifier(ModelPreset preset, MultiLayerNetwork network) {
        this.preset = preset;
        this.network = FastPath.install(network, FastPath.Role.TRAINED_NETWORK);
    }

    public static Classifier create(ModelPreset preset, double learningRate, long seed) {
        return new Classifier(preset, NetworkFactory.trainable(preset, learningRate, seed));
    }

    /**
     * Loads a model zip and checks that its layers are those of {@code expected}.
     *
     * @throws ModelFileException naming the file and what is wrong with it
     */
    public static Classifier load(Path zip, ModelPreset expected) throws ModelFileException {
        NativeBackend.initialise();
        if (BundledModel.isNamedBy(zip)) {
            Classifier bundled = bundled();
            if (bundled.preset() != expected) {
                throw new ModelFileException(BundledModel.NAME + ": the bundled model is " + bundled.preset().id()
                        + ", but the config asks for " + expected.id());
            }
            return bundled;
        }
        String file = zip.getFileName().toString();
        if (!Files.isRegularFile(zip)) {
            throw new ModelFileException(file + ": model file not found (" + zip.toAbsolutePath() + ")");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        } catch (Exception | Error e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            throw new ModelFileException(file + ": not a readable DL4J model zip (" + why + ")", e);
        }
        return wrap(expected, net, file);
    }

    /** Accepts a restored network if its layers are those of {@code expected}. */
    static Classifier wrap(ModelPreset expected, MultiLayerNetwork net, String file) throws ModelFileException {
        ModelPreset actual = presetOf(net.getLayerWiseConfigurations());
        if (actual != expected) {
            throw new ModelFileException(file + ": architecture is " + describe(net.getLayerWiseConfigurations())
                    + (actual == null ? "" : " (" + actual.id() + ")") + ", but the config asks for " + expected.id());
        }
        return new Classifier(expected, net);
    }

    /** Loads a model zip of whichever preset it is. */
    public static Classifier load(Path zip) throws ModelFileException {
        NativeBackend.initialise();
        if (BundledModel.isNamedBy(zip)) {
            return bundled();
        }
        String file = zip.getFileName().toString();
        if (!Files.isRegularFile(zip)) {
            throw new ModelFileException(file + ": model file not found (" + zip.toAbsolutePath() + ")");
        }
        try {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
            ModelPreset actual = presetOf(net.getLayerWiseConfigurations());
            if (actual == null) {
                throw new ModelFileException(file + ": architecture " + describe(net.getLayerWiseConfigurations())
                        + " is not one of UnlearnLab's presets");
            }
            return new Classifier(actual, net);
        } catch (ModelFileException e) {
            throw e;
        } catch (Exception | Error e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            throw new ModelFileException(file + ": not a readable DL4J model zip (" + why + ")", e);
        }
    }

    private static Classifier bundled() throws ModelFileException {
        try {
            return BundledModel.load();
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(BundledModel.NAME + ": cannot read the bundled model (" + e.getMessage()
                    + ")");
        }
    }

    /** Writes the model with its updater state (so training can continue where it stopped). */
    public void save(Path zip) throws IOException {
        ModelSerializer.writeModel(network, zip.toFile(), true);
    }

    /** An independent model with the same weights (a fresh optimiser state). */
    public Classifier copy() {
        MultiLayerNetwork net = NetworkFactory.trainable(preset, 1e-3, 1);
        net.setParams(network.params().dup());
        return new Classifier(preset, net);
    }

    public ModelPreset preset() {
        return preset;
    }

    /** The trainable network; engine-internal. */
    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * One optimiser step on a batch of images [n, 1, 28, 28] and one-hot labels [n, 10]; every training recipe
     * steps through here, so a network whose convolutions are big enough trains on every core
     * ({@link ModelPreset#trainsOnAllCores()}) and the small ones keep the one native thread they are fastest with.
     *
     * @return the batch loss
     */
    public double fit(INDArray images, INDArray oneHot) {
        if (preset.trainsOnAllCores()) {
            NativeBackend.onAllCores(() -> {
                network.fit(images, oneHot);
                return null;
            });
        } else {
            network.fit(images, oneHot);
        }
        return network.score();
    }

    /** Dropout-free view over the same weights that outputs logits and differentiates {@code variant}'s loss. */
    public MultiLayerNetwork attackView(FgsmVariant variant) {
        if (variant == FgsmVariant.PAPER) {
            if (paperView == null) {
                paperView = NetworkFactory.attackView(preset, network, new ClippedProbabilityCrossEntropy());
            }
            return paperView;
        }
        if (stableView == null) {
            stableView = NetworkFactory.attackView(preset, network, new LogitCrossEntropy());
        }
        return stableView;
    }

    /**
     * Dropout-free view over the same weights whose "labels" are a direction on the logits: its input gradient
     * is d(direction . logits)/dx (see {@link LogitDirection}).
     */
    public MultiLayerNetwork logitDirectionView() {
        if (directionView == null) {
            directionView = NetworkFactory.attackView(preset, network, new LogitDirection());
        }
        return directionView;
    }

    /** Logits [n, 10] of images [n, 1, 28, 28], evaluation mode. */
    public INDArray logits(INDArray images) {
        MultiLayerNetwork view = attackView(FgsmVariant.STABLE);
        return NativeBackend.onAllCores(() -> view.output(images, false));
    }

    /** Softmax probabilities [n, 10] of images [n, 1, 28, 28], evaluation mode. */
    public INDArray probabilities(INDArray images) {
        return LogitCrossEntropy.softmax(logits(images));
    }

    /** Probabilities for {@code count} images given as consecutive 28x28 pixel blocks; for user interfaces. */
    public float[][] probabilities(float[] pixels, int count) {
        INDArray x = Nd4j.create(pixels, new long[]{count, 1, 28, 28}, 'c');
        INDArray p = probabilities(x);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = p.getRow(i).toFloatVector();
        }
        return out;
    }

    public long parameterCount() {
        return network.numParams();
    }

    static ModelPreset presetOf(MultiLayerConfiguration conf) {
        String shape = describe(conf);
        for (ModelPreset p : ModelPreset.values()) {
            if (describe(NetworkFactory.configuration(p, 1e-3, 1, null)).equals(shape)) {
                return p;
            }
        }
        return null;
    }

    /** Layer types and sizes, e.g. "Convolution(6, 5x5) > MaxPool > Convolution(16, 5x5) > MaxPool > Dense(120) > ...". */
    static String describe(MultiLayerConfiguration conf) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            String name = l.getClass().getSimpleName().replace("Layer", "");
            if (l instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer c) {
                // Kernel sizes tell LeNet-5 (5x5) from the paper's LeNet (3x3), whose layer lists match otherwise.
                name += "(" + c.getNOut() + ", " + c.getKernelSize()[0] + "x" + c.getKernelSize()[1] + ")";
            } else if (l instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer s) {
                name = s.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG ? "AvgPool" : "MaxPool";
            } else if (l instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff && ff.getNOut() > 0) {
                name += "(" + ff.getNOut() + ")";
            }
            parts.add(name);
        }
        return String.join(" > ", parts);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
