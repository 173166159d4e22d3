package org.unlearnlab.engine.runs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a run stands, as recorded in its summary.json. */
public enum RunStatus {
    RUNNING("running"),
    COMPLETE("complete"),
    CANCELLED("cancelled"),
    FAILED("failed"),
    /**
     * Never written: a run whose summary says RUNNING but whose process is gone (killed, crashed, machine
     * off) reads as this.
     */
    INCOMPLETE("incomplete");

    private final String id;

    RunStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** True once nothing will change the run any more. */
    public boolean isFinal() {
        return this != RUNNING;
    }

    @JsonCreator
    public static RunStatus fromId(String id) {
        for (RunStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not one of "
                + Arrays.stream(values()).map(RunStatus::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
