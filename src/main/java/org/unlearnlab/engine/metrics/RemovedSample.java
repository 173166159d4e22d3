package org.unlearnlab.engine.metrics;

/**
 * A training sample removed by the unlearning loop.
 *
 * @param datasetIndex           index in the original training set
 * @param label                  its true label
 * @param adversarialPrediction  what the model predicted for its adversarial version when it was ranked
 * @param loss                   cross-entropy of its adversarial version (the ranking key)
 * @param iteration              1-based iteration that removed it
 */
public record RemovedSample(int datasetIndex, int label, int adversarialPrediction, double loss, int iteration) {
}
