package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The methods that answer a forget request; {@link #RETRAIN} is the gold model the others are judged against. */
public enum ForgetMethod {
    RETRAIN("retrain", "Retrain from scratch (gold standard)"),
    SISA("sisa", "SISA: sharded, sliced, isolated, aggregated"),
    FISHER("fisher", "Fisher forgetting"),
    INFLUENCE("influence", "Influence functions (LiSSA)"),
    AMUN("amun", "AMUN: adversarial examples near the forgotten samples");

    private final String id;
    private final String label;

    ForgetMethod(String id, String label) {
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
    public static ForgetMethod fromId(String id) {
        return ConfigEnums.fromId(ForgetMethod.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
