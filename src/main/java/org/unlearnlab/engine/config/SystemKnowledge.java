package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an adversary who asks to forget can see of the model (the study's "knowledge of the system"). */
public enum SystemKnowledge {
    BLIND("blind", "Blind: no access to the model"),
    OUTPUT_AWARE("output-aware", "Output-aware: the model's outputs on chosen images"),
    PARAMETER_AWARE("parameter-aware", "Parameter-aware: the model's weights and gradients");

    private final String id;
    private final String label;

    SystemKnowledge(String id, String label) {
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
    public static SystemKnowledge fromId(String id) {
        return ConfigEnums.fromId(SystemKnowledge.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
