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
     * @param adversary   who asks: the study's threat model (the defaults ask as every request did before it)
     */
    public record Request(ForgetRequestKind kind, double fraction, int classLabel, int count, String indicesFile,
                          String runFolder, Adversary adversary) {

        /** A request by an adversary of the defaults (no budget, blind to the model, knowing the training set). */
        public static Request of(ForgetRequestKind kind, double fraction, int classLabel, int count,
                                 String indicesFile, String runFolder) {
            return new Request(kind, fraction, classLabel, count, indicesFile, runFolder, Adversary.defaults());
        }
    }

    /**
     * The study's threat model: how much the adversary may ask for and what it knows. A worst-case request asks
     * for exactly the budget; the other kinds are refused when they ask for more.
     *
     * @param budget         largest number of samples asked for (0 = no count limit)
     * @param budgetFraction largest share of the training set asked for (0 = no share limit); with both set,
     *                       the smaller limit holds
     * @param system         what the adversary sees of the model: blind, output-aware or parameter-aware
     * @param trainingSet    what it knows of the training set: known (all of it), selected (only the
     *                       {@code pool} samples it contributed, drawn with the seed) or blind (it holds
     *                       {@code pool} images, half of them training samples and half test images, and cannot
     *                       tell which; the request guard refuses the ones the model never saw)
     * @param pool           the selected or blind adversary's images
     * @param probe          test images whose loss a parameter-aware adversary's influence estimate raises
     */
    public record Adversary(int budget, double budgetFraction, SystemKnowledge system,
                            TrainingSetKnowledge trainingSet, int pool, int probe) {

        public static Adversary defaults() {
            return new Adversary(0, 0, SystemKnowledge.BLIND, TrainingSetKnowledge.KNOWN, 1000, 1000);
        }
    }

    /** S shards, each cut into R slices with a checkpoint after each slice. */
    public record Sisa(int shards, int slices) {
    }

    /**
     * Fisher forgetting (Golatkar et al.): theta' = theta - (F + damping)^-1 g + n, n ~ N(0, alpha / (F + damping))
     * per parameter, with F the diagonal of the empirical Fisher information (mean squared per-sample gradient of the
     * cross-entropy) and g the mean gradient, both on the remaining data. The defaults are the study's Table 6
     * (alpha 3.5e-3, damping 1e-6) and the widely used implementation's clamp of the noise at 1e-3.
     *
     * @param alpha       scale of the Fisher-shaped noise (0 = no noise)
     * @param damping     added to the Fisher diagonal before it is inverted
     * @param samples     remaining samples the Fisher is estimated on, drawn at random (0 = all of them)
     * @param batchSize   1 = exact per-sample gradients; b > 1 = b times the squared mean gradient of each batch of b,
     *                    which is b times faster and equal to the per-sample figure where the mean gradient is zero
     * @param clip        largest standard deviation of a parameter's noise (0 = no clipping)
     * @param maxStepNorm largest Euclidean length of the Newton step (0 = no limit)
     * @param noiseOnly   skip the Newton step and add only the noise (what the method reduces to for deep networks)
     */
    public record Fisher(double alpha, double damping, int samples, int batchSize, double clip, double maxStepNorm,
                         boolean noiseOnly) {
    }

    /**
     * Influence-function removal (Koh and Liang): for each minibatch B of the forgotten samples in turn,
     * theta' = theta + (1/n) H^-1 sum_{z in B} grad L(z, theta), with n the training-set size after B is removed and
     * H^-1 v estimated by LiSSA on minibatches of the remaining data. The study's Table 6 (25 images of one class)
     * used damping 1e-6, depth 5000, scale 1000; the defaults keep its damping and scale and cut the depth to 50 and
     * the Hessian minibatch to 128 so that a request takes about a minute on a CPU. Its Table 3 MNIST rows read as
     * batch sizes 2048 (remaining) and 1024 (forgotten), damping 1e-4, largest update length 1, depth 10 and scale 10:
     * on UnlearnLab's LeNet-5 that scale is below half the loss's largest curvature, LiSSA diverges and each update
     * is a unit step along the sharpest direction, which left the model predicting one class (README, Forgetting).
     *
     * @param damping      LiSSA's damping (the estimate is of (H + scale * damping * I)^-1 v)
     * @param depth        LiSSA's recursion depth (Hessian-vector products per removal minibatch)
     * @param scale        LiSSA's scale (the Hessian is divided by it; must exceed half its largest eigenvalue)
     * @param batchSize    remaining samples per Hessian-vector product's minibatch
     * @param removalBatch forgotten samples removed per sequential update
     * @param maxNorm      largest Euclidean length of one update (0 = no limit)
     */
    public record Influence(double damping, int depth, double scale, int batchSize, int removalBatch,
                            double maxNorm) {
    }

    /**
     * AMUN (Adversarial Machine UNlearning): for each forgotten sample, PGD within an L-infinity bound that starts at
     * {@code epsilonStart} and is multiplied by {@code epsilonGrowth} until the prediction leaves the label; then
     * fine-tuning on the remaining data plus these examples, each labelled with its adversarial prediction.
     *
     * @param epsilonStart  the first L-infinity bound tried for a sample's adversarial example
     * @param epsilonGrowth each retry multiplies the bound by this, until the prediction leaves the label
     * @param epsilonMax    the largest bound tried; a sample still on its label there gets no example
     * @param pgdSteps      PGD steps per bound (step size 2.5 epsilon / steps, Madry et al.)
     * @param epochs        fine-tuning epochs on the remaining data plus the adversarial examples
     */
    public record Amun(double epsilonStart, double epsilonGrowth, double epsilonMax, int pgdSteps, int epochs) {
    }

    /** The values a config gets for every field it leaves out. */
    public static ForgetSettings defaults() {
        return new ForgetSettings(ForgetMethod.RETRAIN,
                Request.of(ForgetRequestKind.RANDOM_FRACTION, 0.05, 7, 25, null, null),
                1,
                new Sisa(3, 5),
                new Fisher(3.5e-3, 1e-6, 0, 1, 1e-3, 0, false),
                new Influence(1e-6, 50, 1000, 128, 1024, 0),
                new Amun(0.01, 1.5, 1.0, 20, 1));
    }
}
