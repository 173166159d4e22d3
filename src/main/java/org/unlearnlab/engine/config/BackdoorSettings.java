package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code backdoor} section of a config: a BadNets-style trigger poisons the training set described by the
 * rest of the config, and SAU (shared adversarial unlearning) purifies the backdoored model with a small clean
 * set.
 *
 * @param trigger the square stamped on poisoned and triggered images
 * @param target  the class every triggered image is relabelled to
 * @param rate    share of the training set poisoned
 * @param sau     the purification's settings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"trigger", "target", "rate", "sau"})
public record BackdoorSettings(Trigger trigger, int target, double rate, Sau sau) {

    /**
     * @param size  side of the square, in pixels
     * @param row   top row of the square (28 - size is the bottom-right corner)
     * @param col   left column of the square
     * @param value the square's pixel value in [0,1]
     */
    public record Trigger(int size, int row, int col, double value) {
    }

    /**
     * @param cleanSize      clean images the purification may use
     * @param epochs         passes over the clean set
     * @param batchSize      images per step
     * @param learningRate   the purified model's learning rate
     * @param epsilon        L-infinity bound of the shared adversarial examples
     * @param pgdSteps       PGD steps per shared adversarial example
     * @param pgdStepSize    PGD step
     * @param sharedWeight   weight of the term that breaks the sharing
     * @param adversarialWeight weight of the loss on the adversarial examples themselves
     */
    public record Sau(int cleanSize, int epochs, int batchSize, double learningRate, double epsilon, int pgdSteps,
                      double pgdStepSize, double sharedWeight, double adversarialWeight) {
    }

    /** The values a config gets for every field it leaves out. */
    public static BackdoorSettings defaults() {
        return new BackdoorSettings(new Trigger(3, 24, 24, 1.0), 0, 0.10,
                new Sau(600, 20, 128, 1e-3, 0.2, 5, 0.05, 1.0, 0.01));
    }
}
