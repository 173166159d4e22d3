package org.unlearnlab.engine.healing;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.HealingSettings;
import org.unlearnlab.engine.model.Classifier;

import java.util.List;

/**
 * A model's activations at one layer, the vectors the feature twin metrics compare. They come from the model's
 * dropout-free view (evaluation mode), flattened per image. Call from the engine thread.
 */
public final class ModelFeatures {
    private ModelFeatures() {
    }

    /**
     * The DL4J layer index {@code featureLayer} stands for in {@code model}.
     *
     * @throws IllegalArgumentException naming healing.featureLayer when the model has no such hidden layer
     */
    public static int layerIndex(Classifier model, int featureLayer) {
        int layers = model.network().getnLayers();
        int index = featureLayer == HealingSettings.LAST_HIDDEN ? layers - 2 : featureLayer;
        if (index < 0 || index > layers - 2) {
            throw new IllegalArgumentException("healing.featureLayer must be -1 (the last hidden layer) or between 0"
                    + " and " + (layers - 2) + " for " + model.preset().id() + " (is " + featureLayer + ")");
        }
        return index;
    }

    /** One row per image of {@code images} [n, 1, 28, 28]: the activations of layer {@code layerIndex}. */
    public static double[][] of(Classifier model, int layerIndex, INDArray images) {
        MultiLayerNetwork view = model.attackView(FgsmVariant.STABLE);
        List<INDArray> acts = view.feedForwardToLayer(layerIndex, images, false);
        INDArray a = acts.get(layerIndex + 1);
        return a.reshape(a.size(0), a.length() / a.size(0)).toDoubleMatrix();
    }
}
