package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forget section's rules, each naming its field. */
class ForgetSectionValidationTest {

    private static ExperimentConfig with(ForgetSettings.Request request, ForgetSettings.Sisa sisa, int repeats) {
        ForgetSettings d = ForgetSettings.defaults();
        return ExperimentConfig.defaults().withData(new ExperimentConfig.Data(null, 1000, 0))
                .withForget(new ForgetSettings(ForgetMethod.SISA, request, repeats, sisa, d.fisher(), d.influence(),
                        d.amun()));
    }

    private static List<String> fields(ExperimentConfig c) {
        return ConfigValidator.problems(c).stream().map(ConfigProblem::field).toList();
    }

    private static ForgetSettings.Request request(ForgetRequestKind kind, double fraction, int label, int count,
                                                  String file, String run) {
        return ForgetSettings.Request.of(kind, fraction, label, count, file, run);
    }

    @Test
    void theDefaultsAreValid() {
        ForgetSettings d = ForgetSettings.defaults();
        assertEquals(List.of(), fields(with(d.request(), d.sisa(), 1)));
    }

    @Test
    void eachBadValueNamesItsField() {
        ForgetSettings.Sisa sisa = new ForgetSettings.Sisa(3, 5);
        assertEquals(List.of("forget.request.fraction"), fields(with(request(ForgetRequestKind.RANDOM_FRACTION, 1.0,
                0, 0, null, null), sisa, 1)));
        assertEquals(List.of("forget.request.fraction"), fields(with(request(ForgetRequestKind.RANDOM_FRACTION, 0,
                0, 0, null, null), sisa, 1)));
        assertEquals(List.of("forget.request.classLabel"), fields(with(request(ForgetRequestKind.CLASS, 0, 10, 25,
                null, null), sisa, 1)));
        assertEquals(List.of("forget.request.count"), fields(with(request(ForgetRequestKind.CLASS, 0, 7, -1,
                null, null), sisa, 1)));
        assertEquals(List.of("forget.request.count"), fields(with(request(ForgetRequestKind.CLASS, 0, 7, 1000,
                null, null), sisa, 1)));
        assertEquals(List.of("forget.request.indicesFile"), fields(with(request(ForgetRequestKind.INDICES, 0, 0, 0,
                " ", null), sisa, 1)));
        assertEquals(List.of("forget.request.runFolder"), fields(with(request(ForgetRequestKind.RUN, 0, 0, 0,
                null, null), sisa, 1)));
        assertEquals(List.of("forget.repeats"), fields(with(ForgetSettings.defaults().request(), sisa, 0)));
        assertEquals(List.of("forget.sisa.shards"), fields(with(ForgetSettings.defaults().request(),
                new ForgetSettings.Sisa(0, 5), 1)));
        assertEquals(List.of("forget.sisa.slices"), fields(with(ForgetSettings.defaults().request(),
                new ForgetSettings.Sisa(40, 40), 1)));
    }

    private static ForgetSettings.Request by(ForgetRequestKind kind, ForgetSettings.Adversary a) {
        return new ForgetSettings.Request(kind, 0.05, 7, 25, "f.txt", null, a);
    }

    private static ForgetSettings.Adversary adversary(int budget, double fraction, SystemKnowledge system,
                                                      TrainingSetKnowledge set, int pool, int probe) {
        return new ForgetSettings.Adversary(budget, fraction, system, set, pool, probe);
    }

    @Test
    void theThreatModelsBadValuesNameTheirFields() {
        ForgetSettings.Sisa sisa = new ForgetSettings.Sisa(3, 5);
        SystemKnowledge out = SystemKnowledge.OUTPUT_AWARE;
        TrainingSetKnowledge known = TrainingSetKnowledge.KNOWN;
        assertEquals(List.of(), fields(with(by(ForgetRequestKind.WORST_CASE, adversary(25, 0, out, known, 0, 0)),
                sisa, 5)));
        assertEquals(List.of(), fields(with(by(ForgetRequestKind.WORST_CASE, adversary(0, 0.01,
                SystemKnowledge.PARAMETER_AWARE, TrainingSetKnowledge.SELECTED, 500, 100)), sisa, 5)));
        assertEquals(List.of("forget.request.adversary.budget"), fields(with(by(ForgetRequestKind.WORST_CASE,
                adversary(0, 0, out, known, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.budget"), fields(with(by(ForgetRequestKind.WORST_CASE,
                adversary(1000, 0, out, known, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.budget"), fields(with(by(ForgetRequestKind.CLASS,
                adversary(-1, 0, out, known, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.budgetFraction"), fields(with(by(ForgetRequestKind.CLASS,
                adversary(0, 1.5, out, known, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.system"), fields(with(by(ForgetRequestKind.CLASS,
                adversary(0, 0, null, known, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.trainingSet"), fields(with(by(ForgetRequestKind.CLASS,
                adversary(0, 0, out, null, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.trainingSet"), fields(with(by(ForgetRequestKind.INDICES,
                adversary(0, 0, SystemKnowledge.BLIND, TrainingSetKnowledge.BLIND, 10, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.system"), fields(with(by(ForgetRequestKind.INDICES,
                adversary(0, 0, out, known, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.pool"), fields(with(by(ForgetRequestKind.WORST_CASE,
                adversary(25, 0, out, TrainingSetKnowledge.SELECTED, 0, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.pool"), fields(with(by(ForgetRequestKind.WORST_CASE,
                adversary(25, 0, out, TrainingSetKnowledge.BLIND, 5000, 0)), sisa, 1)));
        assertEquals(List.of("forget.request.adversary.probe"), fields(with(by(ForgetRequestKind.WORST_CASE,
                adversary(25, 0, SystemKnowledge.PARAMETER_AWARE, known, 0, 0)), sisa, 1)));
    }

    @Test
    void aConfigFileReadsTheThreatModelAndAnOlderOneGetsTheDefaults() throws Exception {
        ExperimentConfig c = ConfigFiles.parse("{\"forget\": {\"request\": {\"kind\": \"worst-case\","
                + " \"adversary\": {\"budget\": 25, \"system\": \"parameter-aware\"}}}}", "x.json");
        ForgetSettings.Adversary a = c.forget().request().adversary();
        assertEquals(List.of(25, SystemKnowledge.PARAMETER_AWARE, TrainingSetKnowledge.KNOWN, 1000),
                List.of(a.budget(), a.system(), a.trainingSet(), a.probe()));
        ExperimentConfig old = ConfigFiles.parse("{\"forget\": {\"request\": {\"kind\": \"class\"}}}",
                "x.json");
        assertEquals(ForgetSettings.Adversary.defaults(), old.forget().request().adversary());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parse("{\"forget\": {\"request\":"
                + " {\"adversary\": {\"system\": \"psychic\"}}}}", "x.json"));
        assertTrue(e.getMessage().contains("forget.request.adversary.system"), e.getMessage());
    }

    @Test
    void checkGivesOneLineNamingTheFileAndField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValidator.check(with(
                request(ForgetRequestKind.RANDOM_FRACTION, 1.5, 0, 0, null, null), ForgetSettings.defaults().sisa(),
                1), "f.json"));
        assertEquals("f.json: forget.request.fraction must be greater than 0 and less than 1 (is 1.5)",
                e.getMessage());
    }
}
