package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        return new ForgetSettings.Request(kind, fraction, label, count, file, run);
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

    @Test
    void checkGivesOneLineNamingTheFileAndField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValidator.check(with(
                request(ForgetRequestKind.RANDOM_FRACTION, 1.5, 0, 0, null, null), ForgetSettings.defaults().sisa(),
                1), "f.json"));
        assertEquals("f.json: forget.request.fraction must be greater than 0 and less than 1 (is 1.5)",
                e.getMessage());
    }
}
