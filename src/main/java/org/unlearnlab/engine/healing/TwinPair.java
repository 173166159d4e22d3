package org.unlearnlab.engine.healing;

import org.unlearnlab.engine.config.TwinMetric;

/**
 * A forgotten training row and the spare row chosen as its twin (both rows of the same training set).
 *
 * @param distance the metric's distance between them (0 = identical under the metric)
 */
public record TwinPair(int forgottenRow, int twinRow, double distance, TwinMetric metric) {
}
