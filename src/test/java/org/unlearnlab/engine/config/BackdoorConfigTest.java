package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackdoorConfigTest {

    private static List<String> fields(String json) throws ConfigException {
        return ConfigValidator.problems(ConfigFiles.parse(json, "x.json")).stream().map(ConfigProblem::field).toList();
    }

    @Test
    void defaultsAreValidAndFollowThePublicSauCode() throws ConfigException {
        assertEquals(List.of(), fields("{\"backdoor\": {}}"));
        BackdoorSettings.Sau s = BackdoorSettings.defaults().sau();
        assertEquals(List.of(100, 256, 5), List.of(s.epochs(), s.batchSize(), s.pgdSteps()));
        assertEquals(List.of(1e-4, 0.2, 0.2, 0.01, 1.0, 1.0, 0.0, 1.0), List.of(s.learningRate(), s.epsilon(),
                s.pgdStepSize(), s.attackAdversarialWeight(), s.attackSharedWeight(), s.cleanWeight(),
                s.adversarialWeight(), s.sharedWeight()));
    }

    @Test
    void eachBadFieldIsNamed() throws ConfigException {
        assertEquals(List.of("backdoor.trigger.row"), fields("{\"backdoor\": {\"trigger\": {\"row\": 26}}}"));
        assertEquals(List.of("backdoor.trigger.size"), fields("{\"backdoor\": {\"trigger\": {\"size\": 0}}}"));
        assertEquals(List.of("backdoor.trigger.value"), fields("{\"backdoor\": {\"trigger\": {\"value\": 2}}}"));
        assertEquals(List.of("backdoor.target"), fields("{\"backdoor\": {\"target\": 10}}"));
        assertEquals(List.of("backdoor.rate"), fields("{\"backdoor\": {\"rate\": 0}}"));
        assertEquals(List.of("backdoor.sau.epsilon", "backdoor.sau.sharedWeight"),
                fields("{\"backdoor\": {\"sau\": {\"epsilon\": 0, \"sharedWeight\": -1}}}"));
        assertEquals(List.of("backdoor.sau.cleanSize"),
                fields("{\"data\": {\"trainLimit\": 1100}, \"backdoor\": {\"sau\": {\"cleanSize\": 600}}}"));
    }

    @Test
    void checkGivesOneLineNamingFileFieldAndValue() throws ConfigException {
        ExperimentConfig c = ConfigFiles.parse("{\"backdoor\": {\"rate\": 1.5}}", "bd.json");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValidator.check(c, "bd.json"));
        assertTrue(e.getMessage().startsWith("bd.json: backdoor.rate must be greater than 0"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(is 1.5)"), e.getMessage());
    }
}
