package org.unlearnlab.engine.experiment;

import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished (or cancelled) experiment produced.
 *
 * @param folder     the run folder, or null when the run was not recorded
 * @param reason     why the unlearning loop ended
 * @param iterations iteration 0 (before unlearning), each iteration, and the final full-test row if any
 * @param model      the final model (engine-side; use on the engine thread only)
 */
public record RunOutcome(Path folder, StopReason reason, List<IterationMetrics> iterations,
                         List<RemovedSample> removed, int trainSizeLeft, long millis, Classifier model) {

    public IterationMetrics last() {
        return iterations.isEmpty() ? null : iterations.get(iterations.size() - 1);
    }

    public IterationMetrics first() {
        return iterations.isEmpty() ? null : iterations.get(0);
    }
}
