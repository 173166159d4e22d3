package org.unlearnlab.engine.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras' categorical cross-entropy on softmax probabilities clipped to [1e-7, 1 - 1e-7], the loss the
 * paper's FGSM differentiated.
 *
 * <p>The clip has zero derivative outside its range, so for any input whose true-class probability
 * exceeds 1 - 1e-7 (a confident, correct prediction) the whole input gradient is exactly zero, sign(0) = 0,
 * and FGSM returns the image unchanged. This class reproduces that on purpose; the run reports how many
 * inputs it affected.
 */
public class ClippedProbabilityCrossEntropy extends LogitCrossEntropy {
    public static final float EPSILON = 1e-7f;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray pTrue = softmax(preOutput).muli(labels).sum(1);
        INDArray clipped = Transforms.min(Transforms.max(pTrue, EPSILON, false), 1f - EPSILON, false);
        return Transforms.log(clipped, false).negi().reshape(preOutput.size(0), 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = softmax(preOutput);
        // d/dz of -log(clip(p_y)) is p - y inside the clip range and 0 outside it (the clip's gradient).
        INDArray pTrue = p.mul(labels).sum(1);
        INDArray inside = pTrue.gte(EPSILON).castTo(p.dataType()).muli(pTrue.lte(1f - EPSILON).castTo(p.dataType()));
        return p.subi(labels).muliColumnVector(inside);
    }

    @Override
    public String name() {
        return "ClippedProbabilityCrossEntropy";
    }
}
