package org.unlearnlab.engine.runs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.IterationMetrics;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The state of a run, kept in its summary.json so that a run list can be shown without reading metrics.
 * Instants are ISO-8601 strings in the JSON (the java.time Jackson module is not on the class path).
 *
 * @param strategy          the unlearning strategy's config id
 * @param modelPreset       the model preset's config id
 * @param datasetSource     "bundled MNIST" or the data folder
 * @param iterationsDone    unlearning iterations finished
 * @param trainSizeLeft     training samples left after them
 * @param removedTotal      training samples removed so far
 * @param lastIteration     the latest evaluation, or null before the first one
 * @param message           why a run failed or was cancelled; null otherwise
 * @param pid               the process that runs (or ran) it
 * @param unlearnlabVersion the version that wrote the run
 */
public record RunSummary(
        String name,
        RunStatus status,
        @JsonSerialize(using = IsoInstant.Writer.class) @JsonDeserialize(using = IsoInstant.Reader.class)
        Instant started,
        @JsonSerialize(using = IsoInstant.Writer.class) @JsonDeserialize(using = IsoInstant.Reader.class)
        Instant finished,
        String strategy,
        String modelPreset,
        String datasetSource,
        int iterationsDone,
        int trainSizeLeft,
        int removedTotal,
        IterationMetrics lastIteration,
        String message,
        long pid,
        String unlearnlabVersion) {

    /** A RUNNING summary for a run of {@code config} started now by this process. */
    public static RunSummary starting(ExperimentConfig config, Instant started, long pid, String version) {
        String strategy = whatRuns(config);
        String preset = config.model() == null || config.model().preset() == null
                ? null : config.model().preset().id();
        String source = config.data() == null || config.data().folder() == null
                ? "bundled MNIST" : config.data().folder();
        int trainLimit = config.data() == null ? 0 : config.data().trainLimit();
        return new RunSummary(config.name(), RunStatus.RUNNING, started, null, strategy, preset, source, 0,
                trainLimit, 0, null, null, pid, version);
    }

    /** A forget or backdoor config carries a default unlearning section it never uses: name what the run does. */
    private static String whatRuns(ExperimentConfig config) {
        if (config.forget() != null && config.forget().method() != null) {
            return "forget: " + config.forget().method().id();
        }
        if (config.backdoor() != null) {
            return "backdoor: SAU and baselines";
        }
        return config.unlearning() == null || config.unlearning().strategy() == null
                ? null : config.unlearning().strategy().id();
    }

    public RunSummary withStatus(RunStatus newStatus, Instant newFinished, String newMessage) {
        return new RunSummary(name, newStatus, started, newFinished, strategy, modelPreset, datasetSource,
                iterationsDone, trainSizeLeft, removedTotal, lastIteration, newMessage, pid, unlearnlabVersion);
    }

    /** With the counters of {@code m}; the final full-test row does not count as another iteration. */
    public RunSummary withProgress(IterationMetrics m) {
        return new RunSummary(name, status, started, finished, strategy, modelPreset, datasetSource,
                Math.max(iterationsDone, m.iteration()), m.trainSize(), m.removedTotal(), m, message, pid,
                unlearnlabVersion);
    }

    /**
     * RUNNING again in process {@code newPid}, its counters those of {@code last} (the last finished iteration row,
     * or null when none finished, with {@code trainSize} training samples left); the start time stays.
     */
    public RunSummary resumed(long newPid, IterationMetrics last, int trainSize) {
        return new RunSummary(name, RunStatus.RUNNING, started, null, strategy, modelPreset, datasetSource,
                last == null ? 0 : last.iteration(), last == null ? trainSize : last.trainSize(),
                last == null ? 0 : last.removedTotal(), last, null, newPid, unlearnlabVersion);
    }

    public RunSummary withDatasetSource(String source) {
        return new RunSummary(name, status, started, finished, strategy, modelPreset, source,
                iterationsDone, trainSizeLeft, removedTotal, lastIteration, message, pid, unlearnlabVersion);
    }

    /** Instants as ISO-8601 strings, readable by people and by any JSON tool. */
    static final class IsoInstant {
        private IsoInstant() {
        }

        static final class Writer extends JsonSerializer<Instant> {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(value.toString());
            }
        }

        static final class Reader extends JsonDeserializer<Instant> {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
                }
                try {
                    return Instant.parse(p.getText());
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                            "not an ISO-8601 instant");
                }
            }
        }
    }
}
