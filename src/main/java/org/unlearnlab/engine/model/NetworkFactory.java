package org.unlearnlab.engine.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.model.fastpath.FastPath;
import org.unlearnlab.engine.runtime.NativeBackend;

/**
 * Builds the DL4J networks of the presets.
 *
 * <p>Each model has two views of one parameter array: the trained network (softmax + cross-entropy,
 * dropout where the preset has it) and an attack view with no dropout whose output layer yields logits
 * and whose loss is chosen by the attack. Sharing the array means the attack always sees the current
 * weights, with no copy, and its gradients are those of the model in evaluation mode (dropout off),
 * which is what an attacker of the deployed model differentiates.
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    public static MultiLayerNetwork trainable(ModelPreset preset, double learningRate, long seed) {
        NativeBackend.initialise();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(preset, learningRate, seed, null));
        net.init();
        return net;
    }

    /** A dropout-free network over the same parameter array as {@code trained}, ending in logits + {@code loss}. */
    public static MultiLayerNetwork attackView(ModelPreset preset, MultiLayerNetwork trained, ILossFunction loss) {
        NativeBackend.initialise();
        MultiLayerConfiguration conf = configuration(preset, 1e-3, 1, loss);
        MultiLayerNetwork view = new MultiLayerNetwork(conf);
        view.init(trained.params(), false);
        return FastPath.install(view, FastPath.Role.ATTACK_VIEW);
    }

    /**
     * A dropout-free network over the same parameter array as {@code trained}, ending in logits, whose loss has the
     * gradient its "labels" array gives ({@link LogitDirection}), with its own Adam at {@code learningRate}: fitting
     * it steps the shared weights along any gradient a caller computes on the logits. Plain DL4J layers: the fast
     * path's layers are not needed for the few small batches it fits.
     */
    public static MultiLayerNetwork logitTrainer(ModelPreset preset, MultiLayerNetwork trained, double learningRate) {
        NativeBackend.initialise();
        MultiLayerNetwork view = new MultiLayerNetwork(configuration(preset, learningRate, 1, new LogitDirection()));
        view.init(trained.params(), false);
        return view;
    }

    /**
     * @param attackLoss null for the trainable network; otherwise dropout is left out and the output
     *                   layer has identity activation with this loss on the logits
     */
    static MultiLayerConfiguration configuration(ModelPreset preset, double learningRate, long seed,
                                                 ILossFunction attackLoss) {
        boolean attack = attackLoss != null;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list();
        switch (preset) {
            case LENET5 -> b
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).convolutionMode(ConvolutionMode.Same)
                            .activation(Activation.RELU).build())
                    .layer(maxPool())
                    .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                    .layer(maxPool())
                    .layer(new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build());
            case PAPER_CNN -> {
                b.layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                        .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                        .layer(maxPool());
                // DL4J's dropout value is the probability to keep: Keras' Dropout(0.25) is 0.75 here.
                // The attack view keeps the layers (so parameter layout and indices match) with dropout off.
                b.layer(new DropoutLayer.Builder(attack ? 1.0 : 0.75).build())
                        .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                        .layer(new DropoutLayer.Builder(attack ? 1.0 : 0.5).build());
            }
            // Keras' Conv2D defaults to 'valid' padding and AveragePooling2D to a 2x2 window with stride 2, both
            // flooring: 28 -> 26 -> 13 -> 11 -> 5, so the first dense layer sees 16 x 5 x 5 = 400 inputs.
            case PAPER_LENET -> b
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build())
                    .layer(avgPool())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                    .layer(avgPool())
                    .layer(new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build());
        }
        OutputLayer out = attack
                ? new OutputLayer.Builder(attackLoss).nOut(10).activation(Activation.IDENTITY).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build();
        return b.layer(out).setInputType(InputType.convolutional(28, 28, 1)).build();
    }

    private static SubsamplingLayer avgPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
