package org.unlearnlab.engine.unlearning;

import org.unlearnlab.engine.metrics.RemovedSample;

import java.util.List;

/** Chooses which training samples one unlearning iteration removes. */
public interface SampleSelector {

    /**
     * @param active    dataset indices still in the training set
     * @param iteration 1-based
     * @return the removed samples (at most {@code k}), each with the record the gallery shows
     */
    List<RemovedSample> select(int[] active, int k, int iteration);

    /** Selector of the baselines that remove nothing. */
    SampleSelector NONE = (active, k, iteration) -> List.of();
}
