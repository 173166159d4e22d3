package org.unlearnlab.engine.metrics;

/**
 * Sent after every training batch.
 *
 * @param phase            what is training: "initial", "iteration 3", ...
 * @param epoch            1-based epoch of this phase
 * @param batch            1-based batch within the epoch
 * @param batchLoss        mean cross-entropy of this batch
 * @param samplesPerSecond throughput over this phase so far
 * @param etaMillis        estimated time to the end of this phase
 */
public record TrainingProgress(String phase, int epoch, int epochs, int batch, int batchesPerEpoch, double batchLoss,
                               double samplesPerSecond, long elapsedMillis, long etaMillis) {

    /** Fraction of this phase done, in [0,1]. */
    public double fraction() {
        long total = (long) epochs * batchesPerEpoch;
        return total == 0 ? 1 : ((epoch - 1) * (long) batchesPerEpoch + batch) / (double) total;
    }
}
