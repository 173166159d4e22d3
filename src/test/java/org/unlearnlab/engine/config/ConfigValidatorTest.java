package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConfigValidatorTest {

    /** Copies {@code config} with the field at a dotted path replaced, rebuilding the records on the way. */
    static ExperimentConfig with(ExperimentConfig config, String path, Object value) {
        return (ExperimentConfig) set(config, path.split("\\."), 0, value);
    }

    private static Object set(Object record, String[] path, int depth, Object value) {
        try {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Object[] args = new Object[components.length];
            boolean found = false;
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getAccessor().invoke(record);
                if (components[i].getName().equals(path[depth])) {
                    args[i] = depth == path.length - 1 ? value : set(args[i], path, depth + 1, value);
                    found = true;
                }
            }
            assertTrue(found, "no field " + String.join(".", path));
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return record.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Valid apart from what a case changes, with a train limit so that the cross-field rule can be reached. */
    static ExperimentConfig base() {
        return with(ExperimentConfig.defaults(), "data.trainLimit", 12000);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                arguments("name", "", "must not be blank"),
                arguments("name", "   ", "must not be blank"),
                arguments("name", null, "must not be blank"),
                arguments("name", "x".repeat(81), "at most 80 characters"),
                arguments("name", "a/b", "may contain only letters"),
                arguments("name", "tab\there", "may contain only letters"),
                arguments("data", null, "must be set"),
                arguments("data.folder", " ", "must not be blank"),
                arguments("data.trainLimit", -1, "must not be negative"),
                arguments("data.trainLimit", 99, "0 (all) or at least 100"),
                arguments("data.testLimit", -1, "must not be negative"),
                arguments("data.testLimit", 9, "0 (all) or at least 10"),
                arguments("model", null, "must be set"),
                arguments("model.preset", null, "must be set"),
                arguments("training", null, "must be set"),
                arguments("training.epochs", 0, "between 1 and 1000"),
                arguments("training.epochs", 1001, "between 1 and 1000"),
                arguments("training.batchSize", 0, "between 1 and 4096"),
                arguments("training.batchSize", 4097, "between 1 and 4096"),
                arguments("training.learningRate", 0.0, "greater than 0 and at most 1"),
                arguments("training.learningRate", 1.01, "greater than 0 and at most 1"),
                arguments("training.learningRate", Double.NaN, "finite"),
                arguments("training.learningRate", Double.POSITIVE_INFINITY, "finite"),
                arguments("training.seed", 0L, "at least 1 (ND4J treats 0 as unseeded)"),
                arguments("training.seed", -5L, "at least 1"),
                arguments("attack", null, "must be set"),
                arguments("attack.epsilon", -0.01, "between 0 and 1"),
                arguments("attack.epsilon", 1.5, "between 0 and 1"),
                arguments("attack.epsilon", Double.NaN, "finite"),
                arguments("attack.epsilon", Double.NEGATIVE_INFINITY, "finite"),
                arguments("attack.fgsmVariant", null, "must be set"),
                arguments("attack.pgdSteps", 0, "between 1 and 1000"),
                arguments("attack.pgdSteps", 1001, "between 1 and 1000"),
                arguments("attack.pgdStepSize", 0.0, "greater than 0 and at most 1"),
                arguments("attack.pgdStepSize", 2.0, "greater than 0 and at most 1"),
                arguments("attack.pgdStepSize", Double.POSITIVE_INFINITY, "finite"),
                arguments("unlearning", null, "must be set"),
                arguments("unlearning.strategy", null, "must be set"),
                arguments("unlearning.samplesPerIteration", 0, "at least 1"),
                arguments("unlearning.maxIterations", -1, "between 0 and 10000"),
                arguments("unlearning.maxIterations", 10001, "between 0 and 10000"),
                arguments("unlearning.maxIterations", 120, "would remove every training sample"),
                arguments("unlearning.threshold", 0.0, "greater than 0 and at most 1"),
                arguments("unlearning.threshold", 1.2, "greater than 0 and at most 1"),
                arguments("unlearning.threshold", Double.NaN, "finite"),
                arguments("unlearning.thresholdMetric", null, "must be set"),
                arguments("unlearning.retrain", null, "must be set"),
                arguments("unlearning.retrainEpochs", 0, "between 1 and 1000"),
                arguments("unlearning.retrainEpochs", 1001, "between 1 and 1000"),
                arguments("unlearning.poolSize", -1, "must not be negative"),
                arguments("evaluation", null, "must be set"),
                arguments("evaluation.iterationSubset", -1, "must not be negative"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("violations")
    void everyRuleReportsItsField(String field, Object value, String fragment) {
        ExperimentConfig bad = with(base(), field, value);

        List<ConfigProblem> problems = ConfigValidator.problems(bad);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(field, problems.get(0).field());
        assertTrue(problems.get(0).message().contains(fragment), problems.get(0).message());

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValidator.check(bad, "x.json"));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith("x.json: " + field + " "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        ConfigFilesTest.assertUserFacing(e, "x.json");
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                arguments("name", "Versuch \u00fc-1_b.2"),
                arguments("name", "x".repeat(80)),
                arguments("data.trainLimit", 0),
                arguments("data.trainLimit", 100_000),
                arguments("data.testLimit", 10),
                arguments("training.epochs", 1),
                arguments("training.epochs", 1000),
                arguments("training.batchSize", 4096),
                arguments("training.learningRate", 1.0),
                arguments("training.learningRate", Double.MIN_VALUE),
                arguments("training.seed", 1L),
                arguments("attack.epsilon", 0.0),
                arguments("attack.epsilon", 1.0),
                arguments("attack.pgdSteps", 1000),
                arguments("attack.pgdStepSize", 1.0),
                arguments("unlearning.maxIterations", 0),
                arguments("unlearning.maxIterations", 119),
                arguments("unlearning.threshold", 1.0),
                arguments("unlearning.retrainEpochs", 1000),
                arguments("unlearning.poolSize", 0),
                arguments("evaluation.iterationSubset", 0));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("boundaries")
    void valuesOnTheBoundaryAreValid(String field, Object value) throws ConfigException {
        ExperimentConfig ok = with(base(), field, value);
        assertEquals(List.of(), ConfigValidator.problems(ok));
        ConfigValidator.check(ok, "x.json");
    }

    @Test
    void theCrossFieldRuleIsSkippedWhenTheTrainingSetSizeIsUnknown() {
        ExperimentConfig all = with(with(base(), "data.trainLimit", 0), "unlearning.maxIterations", 10_000);
        assertEquals(List.of(), ConfigValidator.problems(all));
    }

    @Test
    void theCrossFieldRuleDoesNotOverflow() {
        ExperimentConfig huge = with(with(base(), "unlearning.samplesPerIteration", Integer.MAX_VALUE),
                "unlearning.maxIterations", 10_000);
        assertEquals(List.of("unlearning.maxIterations"),
                ConfigValidator.problems(huge).stream().map(ConfigProblem::field).toList());
    }

    @Test
    void checkQuotesTheValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigValidator.check(with(base(), "attack.epsilon", 1.5), "classroom.json"));
        assertEquals("classroom.json: attack.epsilon must be between 0 and 1 (is 1.5)", e.getMessage());

        e = assertThrows(ConfigException.class,
                () -> ConfigValidator.check(with(base(), "name", "a/b\nc"), "x.json"));
        assertEquals("x.json: name may contain only letters, digits, spaces, '-', '_' and '.' (is \"a/b\\nc\")",
                e.getMessage());
    }

    @Test
    void problemsListsEveryProblemInFieldOrder() {
        ExperimentConfig bad = with(with(with(base(), "evaluation.iterationSubset", -1), "name", ""),
                "attack.epsilon", 2.0);
        assertEquals(List.of("name", "attack.epsilon", "evaluation.iterationSubset"),
                ConfigValidator.problems(bad).stream().map(ConfigProblem::field).toList());
    }

    @Test
    void defaultsAreValid() throws ConfigException {
        assertEquals(List.of(), ConfigValidator.problems(ExperimentConfig.defaults()));
        ConfigValidator.check(ExperimentConfig.defaults(), "defaults");
    }
}
