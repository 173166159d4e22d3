package org.unlearnlab.engine.metrics;

/**
 * Accuracy of a model under one attack on one set of inputs.
 *
 * @param attack            "fgsm-stable", "fgsm-paper" or "pgd"
 * @param epsilon           the L-infinity budget; NaN for C&amp;W, which has none (its own figures are in
 *                          {@link CarliniWagnerSummary})
 * @param accuracy          share of inputs still classified correctly after the attack
 * @param meanLoss          mean cross-entropy (of the logits) on the attacked inputs
 * @param zeroGradientCount inputs whose input gradient was exactly zero, so that FGSM left them unchanged;
 *                          a high count means the accuracy says nothing about robustness
 * @param evaluated         how many inputs were attacked
 */
public record AttackSummary(String attack, double epsilon, double accuracy, double meanLoss, int zeroGradientCount,
                            int evaluated) {

    public double zeroGradientShare() {
        return evaluated == 0 ? 0 : zeroGradientCount / (double) evaluated;
    }
}
