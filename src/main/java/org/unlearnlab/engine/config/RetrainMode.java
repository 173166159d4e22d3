package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** After removal: keep training the current weights, or train a fresh model on what remains. */
public enum RetrainMode {
    CONTINUE("continue", "Continue (warm start)"),
    SCRATCH("scratch", "From scratch");

    private final String id;
    private final String label;

    RetrainMode(String id, String label) {
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
    public static RetrainMode fromId(String id) {
        return ConfigEnums.fromId(RetrainMode.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
