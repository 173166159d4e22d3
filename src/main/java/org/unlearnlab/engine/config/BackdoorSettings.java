package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code backdoor} section of a config: a BadNets-style trigger poisons the training set described by the
 * rest of the config, and SAU (shared adversarial unlearning) purifies the backdoored model with a small clean
 * set. The SAU defaults are those of the method's public code (BackdoorBench, {@code config/defense/sau}); see
 * {@link Sau}.
 *
 * @param trigger   the square stamped on poisoned and triggered images
 * @param target    the class every triggered image is relabelled to
 * @param rate      share of the whole training set poisoned (chosen, seeded by training.seed, among the
 *                  images whose label is not the target)
 * @param sau       the purification's settings
 * @param baselines the comparisons run after SAU
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"trigger", "target", "rate", "sau", "baselines"})
public record BackdoorSettings(Trigger trigger, int target, double rate, Sau sau, Baselines baselines) {

    /**
     * @param size  side of the square, in pixels
     * @param row   top row of the square (28 - size is the bottom edge)
     * @param col   left column of the square
     * @param value the square's pixel value in [0,1]
     */
    public record Trigger(int size, int row, int col, double value) {
    }

    /**
     * Defaults from the public SAU code's config (the name there in brackets).
     *
     * @param cleanSize            clean training images the purification may use (BackdoorBench takes 5% of the
     *                             clean training set; 600 is 1% of MNIST's 60,000, the figure)
     * @param epochs               passes over the clean set (n_rounds 100)
     * @param batchSize            images per step (batch_size 256)
     * @param learningRate         Adam's learning rate for the purified model (lr 1e-4, Adam)
     * @param epsilon              L-infinity bound of the shared adversarial perturbation (trigger_norm 0.2)
     * @param pgdSteps             PGD steps per batch (adv_steps 5)
     * @param pgdStepSize          PGD step (adv_lr 0.2); the perturbation starts at +epsilon (pgd_init max)
     * @param attackAdversarialWeight the PGD's weight on fooling each model (beta_1 0.01)
     * @param attackSharedWeight   the PGD's weight on the two models agreeing (beta_2 1)
     * @param cleanWeight          the purified model's clean cross-entropy weight (lmd_1 1)
     * @param adversarialWeight    weight of cross-entropy on the shared adversarial examples (lmd_2 0)
     * @param sharedWeight         weight of the term that breaks the sharing (lmd_3 1)
     */
    public record Sau(int cleanSize, int epochs, int batchSize, double learningRate, double epsilon, int pgdSteps,
                      double pgdStepSize, double attackAdversarialWeight, double attackSharedWeight,
                      double cleanWeight, double adversarialWeight, double sharedWeight) {

        /** These settings with another number of passes (the app's quick runs). */
        public Sau withEpochs(int e) {
            return new Sau(cleanSize, e, batchSize, learningRate, epsilon, pgdSteps, pgdStepSize,
                    attackAdversarialWeight, attackSharedWeight, cleanWeight, adversarialWeight, sharedWeight);
        }
    }

    /**
     * @param fineTune       fine-tune on the same clean set, same optimiser, same number of steps (SAU with only
     *                       its clean term)
     * @param lossRanked     the paper's loss-ranked removal (the config's {@code unlearning} section) on the
     *                       poisoned training set, from the backdoored model
     */
    public record Baselines(boolean fineTune, boolean lossRanked) {
    }

    /** The values a config gets for every field it leaves out. */
    public static BackdoorSettings defaults() {
        return new BackdoorSettings(new Trigger(3, 24, 24, 1.0), 0, 0.10,
                new Sau(600, 100, 256, 1e-4, 0.2, 5, 0.2, 0.01, 1.0, 1.0, 0.0, 1.0),
                new Baselines(true, true));
    }

    public BackdoorSettings withSau(Sau s) {
        return new BackdoorSettings(trigger, target, rate, s, baselines);
    }

    public BackdoorSettings withBaselines(Baselines b) {
        return new BackdoorSettings(trigger, target, rate, sau, b);
    }
}
