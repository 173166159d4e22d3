package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How each iteration changes the model: the paper's loss-ranked removal, or one of the baselines. */
public enum UnlearningStrategy {
    LOSS_RANKED("loss-ranked", "Loss-ranked removal (paper)"),
    RANDOM("random", "Random removal (baseline)"),
    ADVERSARIAL_TRAINING("adversarial-training", "FGSM adversarial training (baseline)"),
    EXTRA_EPOCHS("extra-epochs", "No unlearning, same extra epochs (baseline)");

    private final String id;
    private final String label;

    UnlearningStrategy(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used in JSON configs and on the command line. */
    @JsonValue
    public String id() {
        return id;
    }

    /** A human-readable name for the user interface. */
    public String label() {
        return label;
    }

    @JsonCreator
    public static UnlearningStrategy fromId(String id) {
        return ConfigEnums.fromId(UnlearningStrategy.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
