package org.unlearnlab.engine.metrics;

/**
 * Sent at the end of every training epoch.
 *
 * @param phase         "initial", "iteration 3", ...
 * @param iteration     0 for the initial training, else the unlearning iteration
 * @param trainLoss     mean batch loss over the epoch
 * @param testAccuracy  clean accuracy on the evaluation subset
 * @param trainSize     training samples in this epoch
 */
public record EpochMetrics(String phase, int iteration, int epoch, double trainLoss, double testAccuracy,
                           double testLoss, int trainSize, long millis) {
}
