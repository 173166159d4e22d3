package org.unlearnlab.engine.metrics;

/** Why the unlearning loop ended. */
public enum StopReason {
    THRESHOLD_REACHED("threshold reached"),
    BUDGET_EXHAUSTED("iteration budget exhausted"),
    NO_SAMPLES_LEFT("too few training samples left"),
    CANCELLED("cancelled");

    private final String text;

    StopReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
