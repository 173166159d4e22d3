package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an adversary who asks to forget knows of the training set (the study's "knowledge of the training set"):
 * all of it, only the samples it contributed itself, or nothing (it holds images that may or may not be members).
 */
public enum TrainingSetKnowledge {
    KNOWN("known", "Known: the whole training set"),
    SELECTED("selected", "Selected: only the samples the adversary contributed"),
    BLIND("blind", "Blind: images that may or may not be training samples");

    private final String id;
    private final String label;

    TrainingSetKnowledge(String id, String label) {
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
    public static TrainingSetKnowledge fromId(String id) {
        return ConfigEnums.fromId(TrainingSetKnowledge.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
