package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code forget} section of a config: what to forget and which method forgets it. The model, data and
 * training sections of the same config describe the model trained before the request (and the gold model,
 * retrained without the forgotten samples with the same epochs and seed). Every method's settings are here at
 * once so that one file can be rerun with another method by changing {@code method} alone.
 *
 * @param repeats how many times the request is drawn and answered, each time with the next seed (mean +/- std)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"method", "request", "repeats", "sisa", "fisher", "influence", "amun"})
public record ForgetSettings(ForgetMethod method, Request request, int repeats, Sisa sisa, Fisher fisher,
                             Influence influence, Amun amun) {

    /**
     * @param fraction    share of the training set, for {@code random-fraction}
     * @param classLabel  the class, for {@code class}
     * @param count       how many of the class (0 = all of it), for {@code class}
     * @param indicesFile a text or CSV file of training indices (first column), for {@code indices}
     * @param runFolder   a run folder whose removed.csv is the request, for {@code run}
     */
    public record Request(ForgetRequestKind kind, double fraction, int classLabel, int count, String indicesFile,
                          String runFolder) {
    }

    /** S shards, each cut into R slices with a checkpoint after each slice. */
    public record Sisa(int shards, int slices) {
    }

    /**
     * @param alpha     scale of the Fisher-shaped noise
     * @param damping   added to the Fisher diagonal before it is inverted
     * @param batchSize samples per batch of per-sample gradients
     * @param clip      largest magnitude of a noise entry (0 = no clipping)
     * @param noiseOnly skip the Newton step and add only the noise (what the method reduces to for deep networks)
     */
    public record Fisher(double alpha, double damping, int batchSize, double clip, boolean noiseOnly) {
    }

    /**
     * @param damping   LiSSA's damping (lambda)
     * @param depth     LiSSA's recursion depth
     * @param scale     LiSSA's scale (the Hessian is divided by it)
     * @param batchSize samples of each Hessian-vector product's minibatch
     * @param removalBatch forgotten samples removed per sequential update
     */
    public record Influence(double damping, int depth, double scale, int batchSize, int removalBatch) {
    }

    /**
     * @param epsilonStart  the first L-infinity bound tried for a sample's adversarial example
     * @param epsilonGrowth each retry multiplies the bound by this, until the prediction leaves the label
     * @param epsilonMax    the largest bound tried
     * @param pgdSteps      PGD steps per bound
     * @param epochs        fine-tuning epochs on the remaining data plus the adversarial examples
     */
    public record Amun(double epsilonStart, double epsilonGrowth, double epsilonMax, int pgdSteps, int epochs) {
    }

    /** The values a config gets for every field it leaves out. */
    public static ForgetSettings defaults() {
        return new ForgetSettings(ForgetMethod.RETRAIN,
                new Request(ForgetRequestKind.RANDOM_FRACTION, 0.05, 7, 25, null, null),
                1,
                new Sisa(3, 5),
                new Fisher(3.5e-3, 1e-8, 128, 0, false),
                new Influence(0.01, 5000, 1000, 128, 25),
                new Amun(0.01, 1.5, 1.0, 20, 1));
    }
}
