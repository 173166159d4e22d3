package org.unlearnlab.engine.attack;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adversarial versions of one batch.
 *
 * @param adversarial  images [n, 1, 28, 28] in [0, 1]
 * @param zeroGradient per input: the input gradient was exactly zero at the first step, so FGSM (and the
 *                     first PGD step) could not move it
 */
public record AttackBatch(INDArray adversarial, boolean[] zeroGradient) {

    public int zeroGradientCount() {
        int n = 0;
        for (boolean z : zeroGradient) {
            if (z) {
                n++;
            }
        }
        return n;
    }
}
