package org.unlearnlab.engine.backdoor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a backdoor did to a model.
 *
 * @param cleanAccuracy      share of clean test images classified as their label
 * @param attackSuccessRate  share of triggered non-target test images classified as the target
 * @param robustAccuracy     share of triggered non-target test images classified as their true label
 * @param cleanImages        clean test images counted
 * @param triggeredImages    triggered non-target test images counted
 */
@JsonPropertyOrder({"cleanAccuracy", "attackSuccessRate", "robustAccuracy", "cleanImages", "triggeredImages"})
public record BackdoorMetrics(double cleanAccuracy, double attackSuccessRate, double robustAccuracy,
                              int cleanImages, int triggeredImages) {

    /** Counts of predictions on triggered images: how many went to the target, how many to their true label. */
    public record TriggeredCounts(int toTarget, int toTrueLabel, int counted) {
        public double attackSuccessRate() {
            return counted == 0 ? 0 : toTarget / (double) counted;
        }

        public double robustAccuracy() {
            return counted == 0 ? 0 : toTrueLabel / (double) counted;
        }
    }

    /**
     * Counts predictions on triggered images; images whose true label is the target are skipped, whatever they
     * were classified as.
     */
    public static TriggeredCounts countTriggered(long[] predictions, int[] trueLabels, int target) {
        int toTarget = 0;
        int toTrue = 0;
        int counted = 0;
        for (int i = 0; i < predictions.length; i++) {
            if (trueLabels[i] == target) {
                continue;
            }
            counted++;
            if (predictions[i] == target) {
                toTarget++;
            } else if (predictions[i] == trueLabels[i]) {
                toTrue++;
            }
        }
        return new TriggeredCounts(toTarget, toTrue, counted);
    }
}
