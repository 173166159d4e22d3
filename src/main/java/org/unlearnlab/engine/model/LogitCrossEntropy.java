package org.unlearnlab.engine.model;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of the logits, -z_y + log(sum exp z), for an output layer with identity activation.
 *
 * <p>This is the "stable" FGSM loss: its gradient softmax(z) - y is computed from max-shifted logits, so
 * the wrong-class entries stay positive (tiny, but not zero) even when the model is extremely confident,
 * and sign() of the input gradient still points somewhere.
 */
public class LogitCrossEntropy extends LogitLoss {

    public static INDArray softmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(1));
    }

    /** Per-example loss log(sum exp z) - z_y, shape [n]; log-sum-exp keeps confident predictions finite. */
    public static INDArray perExample(INDArray logits, INDArray labels) {
        INDArray max = logits.max(1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1), false);
        // -(z_y - max) + log(sum exp(z - max))
        return lse.subi(shifted.muli(labels).sum(1));
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = perExample(preOutput, labels).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return perExample(preOutput, labels).reshape(preOutput.size(0), 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return softmax(preOutput).subi(labels);
    }

    @Override
    public String name() {
        return "LogitCrossEntropy";
    }
}
