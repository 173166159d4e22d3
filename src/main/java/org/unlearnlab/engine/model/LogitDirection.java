package org.unlearnlab.engine.model;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A "loss" whose score is sum(labels * z) on the logits z, so that its gradient with respect to the logits is
 * exactly the "labels" array. Back-propagating it through an attack view gives d(direction . z)/dx for any
 * per-row direction, which is what attacks on a function of the logits (Carlini-Wagner's margin) need: the
 * caller computes the direction from the logits and DL4J does the chain rule to the pixels.
 */
public final class LogitDirection extends LogitLoss {

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = preOutput.mul(labels).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return preOutput.mul(labels).sum(1).reshape(preOutput.size(0), 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        // A copy: DL4J may scale the returned gradient in place, and the caller still owns its direction array.
        return labels.dup();
    }

    @Override
    public String name() {
        return "LogitDirection";
    }
}
