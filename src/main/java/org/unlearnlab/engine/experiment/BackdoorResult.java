package org.unlearnlab.engine.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.unlearnlab.engine.backdoor.BackdoorMetrics;
import org.unlearnlab.engine.config.BackdoorSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * What a backdoor run measured (backdoor.json): the poisoning, the backdoored model, and each method that tried
 * to remove the backdoor, all on the same test images.
 *
 * @param trainImages     training images, poisoned ones included
 * @param poisoned        poisoned training images
 * @param cleanSetImages  clean training images SAU and fine-tuning used
 * @param methods         the backdoored model first, then SAU and the baselines as they finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"trigger", "target", "rate", "trainImages", "poisoned", "cleanSetImages", "methods"})
public record BackdoorResult(BackdoorSettings.Trigger trigger, int target, double rate, int trainImages,
                             int poisoned, int cleanSetImages, List<Method> methods) {

    /**
     * @param method           backdoored, sau, fine-tune or loss-ranked
     * @param metrics          on the whole test set (or the config's subset when finalFullTest is off)
     * @param millis           time the method took (the backdoored model: its training)
     * @param steps            optimiser steps (SAU, fine-tune)
     * @param removed          training samples removed (loss-ranked)
     * @param poisonedRemoved  how many of them were poisoned (loss-ranked)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"method", "metrics", "millis", "steps", "removed", "poisonedRemoved"})
    public record Method(String method, BackdoorMetrics metrics, long millis, Integer steps, Integer removed,
                         Integer poisonedRemoved) {
    }

    BackdoorResult with(Method m) {
        List<Method> all = new ArrayList<>(methods);
        all.add(m);
        return new BackdoorResult(trigger, target, rate, trainImages, poisoned, cleanSetImages, List.copyOf(all));
    }
}
