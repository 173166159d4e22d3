package org.unlearnlab.engine.eval;

/** Accuracy and mean cross-entropy on unperturbed inputs. */
public record CleanSummary(double accuracy, double meanLoss, int evaluated) {
}
