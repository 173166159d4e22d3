package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The forget section's fisher, influence and amun settings: defaults are valid, each bad value is named. */
class ApproximateForgettingSettingsTest {

    private static ExperimentConfig forget(String section) throws ConfigException {
        return ConfigFiles.parse("{\"forget\": {" + section + "}}", "x.json");
    }

    private static List<String> fields(ExperimentConfig c) {
        return ConfigValidator.problems(c).stream().map(ConfigProblem::field).toList();
    }

    @Test
    void theDefaultsAreValid() throws ConfigException {
        assertEquals(List.of(), fields(forget("\"method\": \"fisher\"")));
    }

    @Test
    void eachBadValueIsNamedByItsField() throws ConfigException {
        assertEquals(List.of("forget.fisher.alpha", "forget.fisher.damping", "forget.fisher.batchSize"),
                fields(forget("\"fisher\": {\"alpha\": -1, \"damping\": 0, \"batchSize\": 0}")));
        assertEquals(List.of("forget.influence.damping", "forget.influence.depth", "forget.influence.scale",
                        "forget.influence.removalBatch", "forget.influence.maxNorm"),
                fields(forget("\"influence\": {\"damping\": 1, \"depth\": 0, \"scale\": 0, \"removalBatch\": 0,"
                        + " \"maxNorm\": -1}")));
        assertEquals(List.of("forget.amun.epsilonGrowth", "forget.amun.epsilonMax", "forget.amun.pgdSteps",
                        "forget.amun.epochs"),
                fields(forget("\"amun\": {\"epsilonStart\": 0.1, \"epsilonGrowth\": 1, \"epsilonMax\": 0.05,"
                        + " \"pgdSteps\": 0, \"epochs\": 0}")));
    }

    @Test
    void theMessageSaysWhy() throws ConfigException {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValidator.check(
                forget("\"influence\": {\"scale\": 0}"), "x.json"));
        assertEquals("x.json: forget.influence.scale must be greater than 0 (LiSSA divides the Hessian by it) (is 0.0)",
                e.getMessage());
    }
}
