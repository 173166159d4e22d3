package org.unlearnlab.engine.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.files.AtomicFiles;
import org.unlearnlab.engine.unlearning.SisaEnsemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a forget run found, as written to its forget-result.json: for each repeat the original model, the method's
 * answer and the gold model (retrained from scratch without the forgotten rows, same epochs and seed), each on the
 * test set, the forgotten rows and the remaining rows, with its wall time; the method's distance to the gold
 * model; mean and standard deviation over the repeats, and which repeat is kept (the one closest to the mean).
 *
 * @param hyperParameters every setting the figures depend on: the model, training and forget sections
 * @param summary         mean and standard deviation of each figure over the repeats, by name
 * @param keptRepeat      1-based: the repeat whose models the folder keeps as model.zip and removed.csv
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForgetResult(String name, String method, String dataset, int trainSize, int testSize,
                           HyperParameters hyperParameters, List<Repeat> repeats, Map<String, Stat> summary,
                           int keptRepeat, long millis) {

    public static final String FILE = "forget-result.json";

    /** The sections of the config that shape the figures. */
    public record HyperParameters(ExperimentConfig.Model model, ExperimentConfig.Training training,
                                  ForgetSettings forget) {
    }

    /**
     * Accuracies of one model, and how long it took to make.
     *
     * @param millis   training time (for the method: the time it took to answer the request)
     * @param collapse a plain-words warning when the model collapsed, else null
     */
    public record ModelFigures(double test, double forget, double remaining, long millis, String collapse) {
    }

    /**
     * How far the method's model is from the gold model.
     *
     * @param testAgreement share of test images on which both predict the same class
     * @param forgetGap     |forget-set accuracy - the gold model's|
     * @param remainingGap  |remaining-set accuracy - the gold model's|
     */
    public record GoldDistance(double testAgreement, double forgetGap, double remainingGap) {
    }

    /**
     * One answered request.
     *
     * @param sisaBefore   the SISA ensemble before the request (its training time is the ensemble's), or null
     * @param sisaRetrained the shards and slices SISA trained again, or null for the other methods
     * @param folder       where this repeat's models are, relative to the run folder
     * @param requested    who asked and what the request guard made of it (null in results written before it)
     */
    public record Repeat(int repeat, long seed, String request, int forgetSize, int remainingSize,
                         ModelFigures original, ModelFigures sisaBefore, ModelFigures method, ModelFigures gold,
                         GoldDistance distance, List<SisaEnsemble.Retrained> sisaRetrained, String folder,
                         Requested requested) {
    }

    /**
     * A request as its adversary made it and the request guard answered it; each sample with its score is in the
     * repeat's requested.csv.
     *
     * @param kind             the request kind's id
     * @param system           the adversary's knowledge of the system (blind, output-aware, parameter-aware)
     * @param trainingSet      its knowledge of the training set (known, selected, blind)
     * @param variant          how the samples were chosen, in words
     * @param scoreName        what the samples' scores are, or null when they have none
     * @param asked            samples requested
     * @param accepted         samples the guard accepted (the forget set)
     * @param refusedUnseen    samples refused because the training set does not hold their content
     * @param refusedDuplicate samples refused because an earlier entry of the request has the same content
     * @param refusals         one line per refused sample
     */
    public record Requested(String kind, String system, String trainingSet, String variant, String scoreName,
                            int asked, int accepted, int refusedUnseen, int refusedDuplicate, List<String> refusals) {
    }

    public record Stat(double mean, double std) {
    }

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public Repeat kept() {
        return repeats.get(keptRepeat - 1);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    /** @throws IOException naming the file when it is missing or not a forget result */
    public static ForgetResult read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), ForgetResult.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a readable forget result (" + e.getOriginalMessage() + ")", e);
        }
    }
}
