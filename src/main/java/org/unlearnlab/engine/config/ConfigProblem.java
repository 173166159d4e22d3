package org.unlearnlab.engine.config;

/**
 * One reason why a config cannot run.
 *
 * @param field   dotted JSON path, e.g. {@code attack.epsilon}
 * @param message short and meant to be shown next to the field, e.g. {@code must be between 0 and 1}
 */
public record ConfigProblem(String field, String message) {

    @Override
    public String toString() {
        return field + " " + message;
    }
}
