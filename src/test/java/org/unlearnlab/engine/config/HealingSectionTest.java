package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The healing section: merged onto its defaults, absent = no healing, each bad value naming its field. */
class HealingSectionTest {

    private static ExperimentConfig forgetting(HealingSettings h) {
        return ExperimentConfig.defaults().withData(new ExperimentConfig.Data(null, 5000, 0))
                .withForget(ForgetSettings.defaults()).withHealing(h);
    }

    private static List<String> fields(ExperimentConfig c) {
        return ConfigValidator.problems(c).stream().map(ConfigProblem::field).toList();
    }

    private static HealingSettings h(int spares, List<HealingStrategy> s, List<TwinMetric> m, int layer,
                                     List<HealingData> d, List<Integer> e) {
        return new HealingSettings(spares, s, m, layer, d, e);
    }

    @Test
    void aPartialSectionIsMergedOntoTheDefaultsAndAbsenceMeansNoHealing() throws Exception {
        ExperimentConfig c = ConfigFiles.parse("{\"name\": \"x\", \"forget\": {\"method\": \"fisher\"},"
                + " \"healing\": {\"spareSize\": 300, \"metrics\": [\"l2\", \"feature-mahalanobis\"]}}", "x.json");
        HealingSettings d = HealingSettings.defaults();
        assertEquals(new HealingSettings(300, d.strategies(), List.of(TwinMetric.L2, TwinMetric.FEATURE_MAHALANOBIS),
                d.featureLayer(), d.data(), d.epochs()), c.healing());
        assertNull(ConfigFiles.parse("{\"name\": \"x\", \"forget\": {}}", "x.json").healing());
        assertEquals(c, ConfigFiles.parse(ConfigFiles.toJson(c), "again.json"));
    }

    @Test
    void anUnknownMetricIsRefusedWithTheAcceptedIds() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parse("{\"name\": \"x\","
                + " \"forget\": {}, \"healing\": {\"metrics\": [\"manhattan\"]}}", "x.json"));
        assertTrue(e.getMessage().contains("l2, mahalanobis, feature-cosine, feature-mahalanobis"), e.getMessage());
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), fields(forgetting(HealingSettings.defaults())));
    }

    @Test
    void eachBadValueNamesItsField() {
        HealingSettings d = HealingSettings.defaults();
        List<TwinMetric> m = d.metrics();
        List<HealingStrategy> s = d.strategies();
        List<HealingData> data = d.data();
        assertEquals(List.of("healing.spareSize"), fields(forgetting(h(0, s, m, -1, data, d.epochs()))));
        assertEquals(List.of("healing.spareSize"), fields(forgetting(h(2500, s, m, -1, data, d.epochs()))));
        assertEquals(List.of("healing.metrics"), fields(forgetting(h(100, s, List.of(), -1, data, d.epochs()))));
        assertEquals(List.of("healing.metrics[1]"), fields(forgetting(h(100, s, Arrays.asList(TwinMetric.L2, null),
                -1, data, d.epochs()))));
        assertEquals(List.of("healing.strategies"), fields(forgetting(h(100, List.of(), m, -1, data,
                d.epochs()))));
        assertEquals(List.of(), fields(forgetting(h(100, List.of(), m, -1, List.of(HealingData.REMAINING),
                d.epochs()))));
        assertEquals(List.of("healing.featureLayer"), fields(forgetting(h(100, s, m, -2, data, d.epochs()))));
        assertEquals(List.of("healing.data"), fields(forgetting(h(100, s, m, -1, List.of(), d.epochs()))));
        assertEquals(List.of("healing.epochs"), fields(forgetting(h(100, s, m, -1, data, List.of()))));
        assertEquals(List.of("healing.epochs[1]"), fields(forgetting(h(100, s, m, -1, data, List.of(1, -1)))));
        assertEquals(List.of("healing"), fields(ExperimentConfig.defaults().withHealing(d)));
        ForgetSettings f = ForgetSettings.defaults();
        assertEquals(List.of("healing"), fields(forgetting(d).withForget(new ForgetSettings(ForgetMethod.SISA,
                f.request(), 1, f.sisa(), f.fisher(), f.influence(), f.amun()))));
    }

    @Test
    void checkGivesOneLineNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValidator.check(forgetting(
                new HealingSettings(0, List.of(), List.of(), -1, List.of(HealingData.REMAINING), List.of(1))),
                "h.json"));
        assertEquals("h.json: healing.spareSize must be at least 1 (is 0)", e.getMessage());
    }

    @Test
    void zeroEpochsMeansHalfTheTrainingEpochsRoundedUp() {
        assertEquals(5, HealingSettings.epochsFor(0, 10));
        assertEquals(2, HealingSettings.epochsFor(0, 3));
        assertEquals(1, HealingSettings.epochsFor(0, 1));
        assertEquals(4, HealingSettings.epochsFor(4, 10));
    }
}
