package org.unlearnlab.engine.progress;

import org.unlearnlab.engine.metrics.EpochMetrics;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.metrics.TrainingProgress;

import java.util.List;

/**
 * What an experiment reports while it runs. Called on the engine's thread; implementations that touch a
 * user interface must hand the event over to their own thread and return quickly.
 */
public interface ExperimentListener {
    default void trainingProgress(TrainingProgress progress) {
    }

    default void epochFinished(EpochMetrics metrics) {
    }

    default void samplesRemoved(int iteration, List<RemovedSample> removed) {
    }

    default void iterationFinished(IterationMetrics metrics) {
    }

    /** A line for a log pane or stderr. */
    default void log(String line) {
    }

    ExperimentListener NONE = new ExperimentListener() {
    };

    /** This listener with every log line prefixed, e.g. by the strategy it comes from. */
    default ExperimentListener withLogPrefix(String prefix) {
        ExperimentListener next = this;
        return new ExperimentListener() {
            @Override
            public void trainingProgress(TrainingProgress p) {
                next.trainingProgress(p);
            }

            @Override
            public void epochFinished(EpochMetrics m) {
                next.epochFinished(m);
            }

            @Override
            public void samplesRemoved(int iteration, List<RemovedSample> removed) {
                next.samplesRemoved(iteration, removed);
            }

            @Override
            public void iterationFinished(IterationMetrics m) {
                next.iterationFinished(m);
            }

            @Override
            public void log(String line) {
                next.log(prefix + line);
            }
        };
    }
}
