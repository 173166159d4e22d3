package org.unlearnlab.engine.diagnostics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The outcome of one diagnostic check, ordered from good to bad. */
public enum Verdict {
    PASS, WARN, FAIL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
