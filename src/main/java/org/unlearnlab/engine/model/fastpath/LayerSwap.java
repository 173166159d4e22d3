package org.unlearnlab.engine.model.fastpath;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Swaps a built or loaded network's DL4J layers for the fast ones, without changing what it computes or how it
 * is saved. Reached only through {@link FastPath#install}, after the switch and the version check.
 *
 * <ul>
 *   <li>Cache mode DEVICE: a convolution layer keeps its forward output for backprop instead of running the
 *       convolution a second time (DL4J's own mechanism, off by default; with oneDNN the second forward pass
 *       was about a tenth of a LeNet-5 training step). Trained networks only, see {@link #install}.</li>
 *   <li>Pooling layers become {@link MaxPool2x2Layer}. DL4J builds layers from a fixed class per configuration
 *       type, with no way to register another, so the runtime layer object is swapped after construction; the
 *       configuration (and so the saved model) stays DL4J's plain {@code SubsamplingLayer}.</li>
 *   <li>In trained networks the first convolution becomes {@link InputConvolutionLayer} the same way: it skips the
 *       gradient with respect to the images, which only the attack views need, and they keep DL4J's layer.</li>
 *   <li>Dense layers become {@link ForwardCachingDenseLayer}: products without ND4J's row-major conversion
 *       everywhere, and in trained networks the pre-activations kept for backprop.</li>
 * </ul>
 * With the oneDNN switch off ({@code -Dunlearnlab.onednn=false}) this class is never loaded and networks keep
 * DL4J's own code paths end to end: that is what the agreement tests compare the fast path with.
 */
final class LayerSwap {
    private LayerSwap() {
    }

    /**
     * @param attackView true for the dropout-free logit views the attacks differentiate: they get the pooling
     *                   and dense layers but neither the cache nor the first-convolution layer (they need the
     *                   image gradient it skips). With the cache on in the views too, RSS grew 19% over a
     *                   20-iteration {@code bench --only memory} (1,047 to 1,246 MB, still rising); with it on
     *                   in the trained network only, 4.9% and flat from iteration 3 (1,059 to 1,111 MB). Those two
     *                   runs used an earlier, in-place variant of the pooling layer and predate the per-iteration
     *                   malloc_trim (README, Performance).
     */
    static MultiLayerNetwork install(MultiLayerNetwork net, boolean attackView, Dl4jInternals internals) {
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            Layer old = layers[i];
            Layer fast = null;
            if (old.getClass() == SubsamplingLayer.class) {
                fast = new MaxPool2x2Layer(old.conf(), net.getLayerWiseConfigurations().getDataType());
            } else if (i == 0 && !attackView && old.getClass() == ConvolutionLayer.class) {
                fast = new InputConvolutionLayer(old.conf(), net.getLayerWiseConfigurations().getDataType());
            } else if (old.getClass() == DenseLayer.class) {
                fast = new ForwardCachingDenseLayer(old.conf(), net.getLayerWiseConfigurations().getDataType());
            }
            if (fast != null) {
                fast.setIndex(old.getIndex());
                fast.setListeners(old.getListeners());
                fast.setParamTable(old.paramTable());
                if (old.numParams() > 0) {
                    fast.setParamsViewArray(old.params());
                    if (old.getGradientsViewArray() != null) { // else the network hands it out on its first fit
                        fast.setBackpropGradientsViewArray(old.getGradientsViewArray());
                    }
                }
                fast.setConf(old.conf());
                Layer replacement = fast;
                layers[i] = replacement;
                internals.layerMap(net).replaceAll((name, l) -> l == old ? replacement : l);
            }
        }
        if (!attackView) {
            // The network decides from its configuration whether to open the cache workspace; the layers, from theirs.
            net.getLayerWiseConfigurations().setCacheMode(CacheMode.DEVICE);
            net.setCacheMode(CacheMode.DEVICE);
        }
        return net;
    }
}
