package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which loss FGSM differentiates: the logits' cross-entropy, or Keras' clipped-probability cross-entropy as in the paper. */
public enum FgsmVariant {
    STABLE("stable", "FGSM (stable, logits)"),
    PAPER("paper", "FGSM (paper, clipped softmax)");

    private final String id;
    private final String label;

    FgsmVariant(String id, String label) {
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
    public static FgsmVariant fromId(String id) {
        return ConfigEnums.fromId(FgsmVariant.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
