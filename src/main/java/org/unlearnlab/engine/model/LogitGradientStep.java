package org.unlearnlab.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.runtime.NativeBackend;

/**
 * Optimiser steps of a model on a loss the caller differentiates as far as the logits: the caller gives dL/dz
 * for every row, DL4J back-propagates it to the weights and Adam applies it. For losses that combine several
 * inputs or several networks (SAU's shared term), which no single DL4J loss function expresses.
 * Its Adam state is its own, fresh when it is made.
 */
public final class LogitGradientStep {
    private final MultiLayerNetwork view;

    public LogitGradientStep(Classifier model, double learningRate) {
        this.view = NetworkFactory.logitTrainer(model.preset(), model.network(), learningRate);
    }

    /**
     * One Adam step on a loss L whose gradient with respect to the logits of {@code images} [n, 1, 28, 28] is
     * {@code logitGradient} [n, 10] (evaluation mode: no dropout).
     */
    public void step(INDArray images, INDArray logitGradient) {
        // DL4J divides a fitted batch's gradient by its row count (the mean of per-row losses); the caller's
        // gradient is already that of the whole loss, so it is scaled up by the same count first.
        INDArray scaled = logitGradient.mul(images.size(0));
        NativeBackend.onAllCores(() -> {
            view.fit(images, scaled);
            return null;
        });
    }
}
