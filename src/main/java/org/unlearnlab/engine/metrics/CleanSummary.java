package org.unlearnlab.engine.metrics;

/** Accuracy and mean cross-entropy on unperturbed inputs. */
public record CleanSummary(double accuracy, double meanLoss, int evaluated) {
}
