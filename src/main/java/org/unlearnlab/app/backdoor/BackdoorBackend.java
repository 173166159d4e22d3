package org.unlearnlab.app.backdoor;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.progress.CancellationToken;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the Backdoor page asks of the engine: run a backdoor experiment (on the engine thread, inside a background
 * task) and describe what it produced in plain arrays. The view-model never sees a model; its tests use a fake.
 */
public interface BackdoorBackend {

    /** One event of a running backdoor experiment. */
    sealed interface Event permits Log, Progress, Step, Method {
    }

    record Log(String line) implements Event {
    }

    /** Training progress of the current phase, in [0,1]. */
    record Progress(String phase, double fraction) implements Event {
    }

    /** One pass of SAU or fine-tuning: the figures after {@code steps} optimiser steps. */
    record Step(String method, int steps, double clean, double asr, double robust) implements Event {
    }

    /** A method finished (the backdoored model's training first). */
    record Method(String method, double clean, double asr, double robust, long millis, String note)
            implements Event {
    }

    /** A triggered test digit with what the backdoored and the purified model made of it. */
    record TriggeredDigit(float[] pixels, int label, int before, int after) {
    }

    /** A shared adversarial example: both models gave {@code reference} / {@code purified} for it. */
    record SharedExample(float[] clean, float[] adversarial, int label, int reference, int purified) {
    }

    /**
     * @param folder    the run folder
     * @param trigger   the trigger alone on a black image
     * @param cancelled whether it stopped early
     */
    record Pictures(Path folder, float[] trigger, List<TriggeredDigit> digits, List<SharedExample> shared,
                    boolean cancelled) {
    }

    Pictures run(ExperimentConfig config, Consumer<Event> events, CancellationToken token) throws Exception;
}
