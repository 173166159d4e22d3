package org.unlearnlab.engine.healing;

import org.unlearnlab.engine.config.HealingData;
import org.unlearnlab.engine.config.HealingStrategy;
import org.unlearnlab.engine.config.TwinMetric;

/**
 * One healing fine-tune and the accuracies of the model it produced.
 *
 * @param configuration the study's short name: "R" (remaining rows alone), "R+S" (random spares) or "R+T-l2" etc.
 * @param strategy      null for "R"
 * @param metric        null unless the twins strategy
 * @param added         spare rows added to the remaining rows
 * @param millis        wall time of the fine-tune (the twin search is timed apart)
 */
public record HealedModel(String configuration, HealingData data, HealingStrategy strategy, TwinMetric metric,
                          int epochs, int added, double test, double forget, double remaining, long millis) {

    /** The short name of a data, strategy and metric choice. */
    public static String configurationName(HealingData data, HealingStrategy strategy, TwinMetric metric) {
        if (data == HealingData.REMAINING) {
            return "R";
        }
        return strategy == HealingStrategy.TWINS ? "R+T-" + metric.id() : "R+S";
    }
}
