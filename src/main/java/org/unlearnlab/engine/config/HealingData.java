package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a healing fine-tune trains on. */
public enum HealingData {
    REMAINING("remaining", "The remaining training rows alone (R)"),
    REMAINING_PLUS_HEALING("remaining-plus-healing", "The remaining rows plus the chosen spares (R + twins or R + spares)");

    private final String id;
    private final String label;

    HealingData(String id, String label) {
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
    public static HealingData fromId(String id) {
        return ConfigEnums.fromId(HealingData.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
