package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Accuracies measured on the test set after every iteration. */
public enum Metric {
    CLEAN("clean", "Clean accuracy"),
    FGSM_STABLE("fgsm-stable", "FGSM accuracy (stable loss)"),
    FGSM_PAPER("fgsm-paper", "FGSM accuracy (paper loss)"),
    PGD("pgd", "PGD accuracy");

    private final String id;
    private final String label;

    Metric(String id, String label) {
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
    public static Metric fromId(String id) {
        return ConfigEnums.fromId(Metric.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
