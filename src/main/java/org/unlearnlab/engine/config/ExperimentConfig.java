package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One experiment, as written in a JSON config. Every field has a default (see {@link #defaults()}), so a
 * config only needs the fields it changes. Validation lives in {@link ConfigValidator}.
 *
 * @param forget   a forget request and the method that answers it; null for configs of the paper's loop
 * @param backdoor a poisoned training set and its purification; null for configs without one
 * @param healing  fine-tuning after a forget request, with spares held out of training; null for no healing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "description", "data", "model", "training", "attack", "unlearning", "evaluation", "forget",
        "backdoor", "healing"})
public record ExperimentConfig(
        String name,
        String description,
        Data data,
        Model model,
        Training training,
        Attack attack,
        Unlearning unlearning,
        Evaluation evaluation,
        ForgetSettings forget,
        BackdoorSettings backdoor,
        HealingSettings healing) {

    @JsonCreator
    public ExperimentConfig {
    }

    /** A config without a healing section. */
    public ExperimentConfig(String name, String description, Data data, Model model, Training training, Attack attack,
                            Unlearning unlearning, Evaluation evaluation, ForgetSettings forget,
                            BackdoorSettings backdoor) {
        this(name, description, data, model, training, attack, unlearning, evaluation, forget, backdoor, null);
    }

    /** A config of the paper's loop alone: no forget request, no backdoor. */
    public ExperimentConfig(String name, String description, Data data, Model model, Training training, Attack attack,
                            Unlearning unlearning, Evaluation evaluation) {
        this(name, description, data, model, training, attack, unlearning, evaluation, null, null, null);
    }

    /**
     * @param folder     a folder of IDX files; null means the MNIST bundled with UnlearnLab
     * @param trainLimit use only the first n training images (0 = all)
     * @param testLimit  use only the first n test images (0 = all)
     */
    public record Data(String folder, int trainLimit, int testLimit) {
    }

    public record Model(ModelPreset preset) {
    }

    /** Adam; {@code seed} must be positive (ND4J treats 0 as "no seed"). */
    public record Training(int epochs, int batchSize, double learningRate, long seed) {
    }

    /**
     * @param epsilon      L-infinity budget of FGSM and PGD, in pixel units of [0,1]
     * @param fgsmVariant  the FGSM loss the unlearning loop ranks by ("stable" or "paper")
     * @param pgdSteps     PGD iterations
     * @param pgdStepSize  PGD step (alpha)
     * @param pgdRandomStart start PGD from a uniform random point of the eps-ball
     */
    public record Attack(double epsilon, FgsmVariant fgsmVariant, int pgdSteps, double pgdStepSize,
                         boolean pgdRandomStart) {
    }

    /**
     * @param strategy           loss-ranked (the paper), random, or adversarial-training
     * @param samplesPerIteration k: base samples removed per iteration
     * @param maxIterations      iteration budget
     * @param threshold          the paper's stopping rule: {@code thresholdMetric} reaching this accuracy, in (0,1]
     * @param thresholdMetric    the metric compared with the threshold
     * @param retrain            continue (warm start) or scratch
     * @param retrainEpochs      epochs of retraining per iteration
     * @param poolSize           attack this many seeded-random training samples per iteration (0 = all)
     * @param rankingSource      rank the training samples themselves, or (the paper's code, literally) the test
     *                           images, removing the training samples at their indices
     * @param stopAtThreshold    stop when the threshold is reached; false runs the whole budget and only records
     *                           the iteration where the rule would have stopped (for models that start above it)
     */
    public record Unlearning(UnlearningStrategy strategy, int samplesPerIteration, int maxIterations,
                             double threshold, Metric thresholdMetric, RetrainMode retrain, int retrainEpochs,
                             int poolSize, RankingSource rankingSource, boolean stopAtThreshold) {

        @JsonCreator
        public Unlearning {
        }

        /** Ranks training samples and stops at the threshold, as every config did before those two settings. */
        public Unlearning(UnlearningStrategy strategy, int samplesPerIteration, int maxIterations, double threshold,
                          Metric thresholdMetric, RetrainMode retrain, int retrainEpochs, int poolSize) {
            this(strategy, samplesPerIteration, maxIterations, threshold, thresholdMetric, retrain, retrainEpochs,
                    poolSize, RankingSource.TRAIN, true);
        }

        public Unlearning withStrategy(UnlearningStrategy s) {
            return new Unlearning(s, samplesPerIteration, maxIterations, threshold, thresholdMetric, retrain,
                    retrainEpochs, poolSize, rankingSource, stopAtThreshold);
        }
    }

    /**
     * @param iterationSubset evaluate on the first n test images after each iteration (0 = all)
     * @param finalFullTest   evaluate the final model on the whole test set too
     */
    public record Evaluation(int iterationSubset, boolean finalFullTest) {
    }

    public static ExperimentConfig defaults() {
        return new ExperimentConfig("untitled", "",
                new Data(null, 0, 0),
                new Model(ModelPreset.LENET5),
                new Training(1, 128, 1e-3, 42),
                new Attack(0.1, FgsmVariant.STABLE, 10, 0.01, true),
                new Unlearning(UnlearningStrategy.LOSS_RANKED, 100, 10, 0.9, Metric.FGSM_STABLE,
                        RetrainMode.CONTINUE, 1, 0),
                new Evaluation(0, true));
    }

    public ExperimentConfig withName(String n) {
        return new ExperimentConfig(n, description, data, model, training, attack, unlearning, evaluation, forget,
                backdoor, healing);
    }

    public ExperimentConfig withData(Data d) {
        return new ExperimentConfig(name, description, d, model, training, attack, unlearning, evaluation, forget,
                backdoor, healing);
    }

    public ExperimentConfig withModel(Model m) {
        return new ExperimentConfig(name, description, data, m, training, attack, unlearning, evaluation, forget,
                backdoor, healing);
    }

    public ExperimentConfig withTraining(Training t) {
        return new ExperimentConfig(name, description, data, model, t, attack, unlearning, evaluation, forget,
                backdoor, healing);
    }

    public ExperimentConfig withAttack(Attack a) {
        return new ExperimentConfig(name, description, data, model, training, a, unlearning, evaluation, forget,
                backdoor, healing);
    }

    public ExperimentConfig withUnlearning(Unlearning u) {
        return new ExperimentConfig(name, description, data, model, training, attack, u, evaluation, forget,
                backdoor, healing);
    }

    public ExperimentConfig withEvaluation(Evaluation e) {
        return new ExperimentConfig(name, description, data, model, training, attack, unlearning, e, forget,
                backdoor, healing);
    }

    public ExperimentConfig withForget(ForgetSettings f) {
        return new ExperimentConfig(name, description, data, model, training, attack, unlearning, evaluation, f,
                backdoor, healing);
    }

    public ExperimentConfig withHealing(HealingSettings h) {
        return new ExperimentConfig(name, description, data, model, training, attack, unlearning, evaluation, forget,
                backdoor, h);
    }

    public ExperimentConfig withBackdoor(BackdoorSettings b) {
        return new ExperimentConfig(name, description, data, model, training, attack, unlearning, evaluation, forget,
                b, healing);
    }
}
