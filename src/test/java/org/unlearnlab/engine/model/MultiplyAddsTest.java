package org.unlearnlab.engine.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.unlearnlab.engine.config.ModelPreset;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thread choice of a training step rests on each preset's stated multiply-adds; they must be the networks'
 * real ones, counted here from the built layers and the shapes a forward pass produces.
 */
class MultiplyAddsTest {

    @Test
    void statedMultiplyAddsAreThoseOfTheBuiltNetworks() {
        for (ModelPreset preset : ModelPreset.values()) {
            Classifier c = Classifier.create(preset, 1e-3, 5);
            List<INDArray> acts = c.network().feedForward(Nd4j.rand(1, 1, 28, 28), false);
            long total = 0;
            for (int i = 0; i < c.network().getnLayers(); i++) {
                Layer layer = c.network().getLayer(i);
                Object conf = layer.conf().getLayer();
                INDArray w = layer.paramTable().get("W");
                if (w == null) {
                    continue; // pooling, dropout
                }
                if (conf instanceof ConvolutionLayer) {
                    // each output element is a dot product over nIn x kh x kw inputs
                    total += acts.get(i + 1).length() * (w.length() / w.size(0));
                } else if (conf instanceof FeedForwardLayer) {
                    total += w.length();
                } else {
                    throw new AssertionError(preset.id() + ": layer " + i + " of an unexpected kind " + conf);
                }
            }
            assertEquals(total, preset.multiplyAddsPerImage(), preset.id());
        }
    }

    @Test
    void onlyTheNetworkWithTheBigConvolutionTrainsOnEveryCore() {
        assertTrue(ModelPreset.PAPER_CNN.trainsOnAllCores());
        assertFalse(ModelPreset.LENET5.trainsOnAllCores());
        assertFalse(ModelPreset.PAPER_LENET.trainsOnAllCores());
    }
}
