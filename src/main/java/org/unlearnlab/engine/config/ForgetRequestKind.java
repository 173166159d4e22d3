package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a forget request names. */
public enum ForgetRequestKind {
    RANDOM_FRACTION("random-fraction", "A random fraction of the training set"),
    CLASS("class", "All or k samples of one class"),
    INDICES("indices", "Training indices listed in a file"),
    RUN("run", "The samples an earlier run of the paper's loop removed"),
    WORST_CASE("worst-case", "The samples whose removal hurts most, as far as the adversary can judge");

    private final String id;
    private final String label;

    ForgetRequestKind(String id, String label) {
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
    public static ForgetRequestKind fromId(String id) {
        return ConfigEnums.fromId(ForgetRequestKind.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
