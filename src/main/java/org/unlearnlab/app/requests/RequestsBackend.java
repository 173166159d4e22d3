package org.unlearnlab.app.requests;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.progress.CancellationToken;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the Requests page asks of the engine: answer a forget request as its adversary makes it, heal the answer
 * (on the engine thread, inside a background task) and describe the outcome in plain arrays and numbers. The
 * view-model never sees a model or a tensor; its tests use a fake.
 */
public interface RequestsBackend {

    /** One event of a running request. */
    sealed interface Event permits Log, Progress, Requested {
    }

    record Log(String line) implements Event {
    }

    /**
     * @param phase     what trains now ("initial", "gold", "healing R+T-l2", ...)
     * @param fraction  share of the whole run's planned training done, in [0,1]
     * @param etaMillis the whole run's estimated time left, or -1 when not yet known
     */
    record Progress(String phase, double fraction, long etaMillis) implements Event {
    }

    /** The request as the guard answered it, sent as soon as it is known (before the long part of the run). */
    record Requested(Request request) implements Event {
    }

    /**
     * One requested image.
     *
     * @param source "train" or "test" (an image the model may never have seen)
     * @param status the guard's verdict: accepted, refused-unseen, refused-duplicate
     * @param score  the adversary's score (logit margin, influence), NaN when the request kind has none
     */
    record RequestedDigit(float[] pixels, int label, String source, int index, String status, double score) {
        public boolean accepted() {
            return "accepted".equals(status);
        }
    }

    /** What was asked and what the guard made of it. */
    record Request(List<RequestedDigit> digits, String scoreName) {
        public long count(String status) {
            return digits.stream().filter(d -> d.status().equals(status)).count();
        }
    }

    /**
     * A forgotten image next to the spare that was added back for it.
     *
     * @param metric   the twin metric's id, or null for a random spare
     * @param distance the metric's distance, NaN for a random spare
     */
    record TwinDigit(float[] forgotten, int forgottenLabel, float[] twin, int twinLabel, double distance,
                     String metric) {
    }

    /** One bar of the accuracy chart: test accuracy in [0,1] and what produced it. */
    record Bar(String label, double accuracy, String detail) {
    }

    /**
     * @param folder    the run folder
     * @param summary   one line: the forget method's test accuracy over the repeats (mean +/- std), or empty
     * @param cancelled whether it stopped early (then the other fields may be empty)
     */
    record Outcome(Path folder, Request request, List<TwinDigit> twins, List<Bar> bars, String summary,
                   boolean cancelled) {
    }

    Outcome run(ExperimentConfig config, Consumer<Event> events, CancellationToken token) throws Exception;
}
