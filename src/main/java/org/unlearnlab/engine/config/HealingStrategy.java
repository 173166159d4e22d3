package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which spares a healing fine-tune adds back for the forgotten samples. */
public enum HealingStrategy {
    RANDOM_SPARES("random-spares", "As many spares as forgotten samples, drawn at random"),
    TWINS("twins", "For each forgotten sample its nearest unused spare");

    private final String id;
    private final String label;

    HealingStrategy(String id, String label) {
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
    public static HealingStrategy fromId(String id) {
        return ConfigEnums.fromId(HealingStrategy.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
