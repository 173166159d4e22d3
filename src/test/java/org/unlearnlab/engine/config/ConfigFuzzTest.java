package org.unlearnlab.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Mutated config files must either load and validate, or fail with a one-line ConfigException: never with
 * any other exception, and never with a message that leaks Jackson or spans lines.
 */
class ConfigFuzzTest {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final String RAW = "__raw_value__";
    private static final List<String> BASES = List.of(
            ConfigFiles.toJson(ExperimentConfig.defaults()),
            ConfigFiles.toJson(ConfigFilesTest.custom()),
            "{\"name\": \"short\", \"attack\": {\"epsilon\": 0.2}}");
    private static final List<String> PATHS = paths();

    @Property(tries = 500)
    void mutatedConfigsLoadOrFailWithAOneLineConfigException(@ForAll("mutatedConfigs") String json) {
        // A fuzzer that never produced a loadable config would test only the parser's error paths.
        Statistics.coverage(c -> {
            c.check("valid").count((Integer n) -> n > 0);
            c.check("rejected by check").count((Integer n) -> n > 0);
        });
        ExperimentConfig config;
        try {
            config = ConfigFiles.parse(json, "fuzz.json");
        } catch (ConfigException e) {
            ConfigFilesTest.assertUserFacing(e, "fuzz.json");
            Statistics.collect("rejected by parse");
            return;
        }
        for (ConfigProblem p : ConfigValidator.problems(config)) {
            assertFalse(p.field().isBlank() || p.message().isBlank(), p::toString);
        }
        try {
            ConfigValidator.check(config, "fuzz.json");
        } catch (ConfigException e) {
            ConfigFilesTest.assertUserFacing(e, "fuzz.json");
            assertFalse(ConfigValidator.problems(config).isEmpty());
            Statistics.collect("rejected by check");
            return;
        }
        try {
            assertEquals(config, ConfigFiles.parse(ConfigFiles.toJson(config), "again.json"), "round trip");
        } catch (ConfigException e) {
            throw new AssertionError("a valid config did not survive toJson/parse: " + e.getMessage(), e);
        }
        Statistics.collect("valid");
    }

    @Provide
    Arbitrary<String> mutatedConfigs() {
        // Mostly well-formed edits, so that binding and validation get as much exercise as the parser.
        Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(Tuple.of(8, setValue()), Tuple.of(2, removeField()),
                Tuple.of(2, deleteChars()), Tuple.of(2, insertChars()), Tuple.of(1, replaceAll()));
        return Combinators.combine(Arbitraries.of(BASES), mutation.list().ofMinSize(1).ofMaxSize(2))
                .as((base, mutations) -> {
                    String json = base;
                    for (Mutation m : mutations) {
                        json = m.apply(json);
                    }
                    return json;
                });
    }

    /** Named, so that jqwik reports a failing case as a readable list of edits. */
    interface Mutation extends UnaryOperator<String> {
    }

    record SetValue(String path, String raw) implements Mutation {
        @Override
        public String apply(String json) {
            return edit(json, (parent, name) -> parent.put(name, RAW), path).replace("\"" + RAW + "\"", raw);
        }
    }

    record RemoveField(String path) implements Mutation {
        @Override
        public String apply(String json) {
            return edit(json, ObjectNode::remove, path);
        }
    }

    record DeleteChars(double at, int length) implements Mutation {
        @Override
        public String apply(String json) {
            int from = (int) (at * json.length());
            return json.substring(0, from) + json.substring(Math.min(json.length(), from + length));
        }
    }

    record InsertChars(double at, String chars) implements Mutation {
        @Override
        public String apply(String json) {
            int from = (int) (at * json.length());
            return json.substring(0, from) + chars + json.substring(from);
        }
    }

    record ReplaceAll(String text) implements Mutation {
        @Override
        public String apply(String json) {
            return text;
        }
    }

    private static Arbitrary<Mutation> setValue() {
        // Most values have the field's type, so that they get past the parser to the validator.
        return Arbitraries.of(PATHS).flatMap(path -> Arbitraries.frequencyOf(Tuple.of(3, typedValues(path)),
                Tuple.of(1, rawValues())).map(raw -> new SetValue(path, raw)));
    }

    /** Values of the type the field binds to, inside and just outside the valid range. */
    private static Arbitrary<String> typedValues(String path) {
        Class<?> type = ExperimentConfig.class;
        for (String part : path.split("\\.")) {
            Class<?> next = null;
            if (type != null && type.isRecord()) {
                for (java.lang.reflect.RecordComponent rc : type.getRecordComponents()) {
                    if (rc.getName().equals(part)) {
                        next = rc.getType();
                    }
                }
            }
            type = next;
        }
        if (type == int.class || type == long.class) {
            return Arbitraries.oneOf(Arbitraries.integers().between(-2, 5000), Arbitraries.of(0, 1, 10, 100, 1000,
                    1001, 4096, 4097, 10_000, 10_001, 60_000)).map(String::valueOf);
        }
        if (type == double.class) {
            return Arbitraries.oneOf(Arbitraries.doubles().between(-0.1, 1.1), Arbitraries.of(0.0, 1.0, -0.0,
                    1e-300, Double.MIN_VALUE)).map(String::valueOf);
        }
        if (type == boolean.class) {
            return Arbitraries.of("true", "false");
        }
        if (type != null && type.isEnum()) {
            return Arbitraries.of(type.getEnumConstants()).map(e -> quote(e.toString()));
        }
        if (type == String.class) {
            return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars(" -_.").ofMaxLength(90),
                    Arbitraries.strings().ofMaxLength(12)).map(ConfigFuzzTest::quote);
        }
        return rawValues();
    }

    private static Arbitrary<Mutation> removeField() {
        return Arbitraries.of(PATHS).map(RemoveField::new);
    }

    private static Arbitrary<Mutation> deleteChars() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 6))
                .as(DeleteChars::new);
    }

    private static Arbitrary<Mutation> insertChars() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1),
                Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789ntrufals \n\t\\/\u0000\u00e9\u2028")
                        .ofMinLength(1).ofMaxLength(4)).as(InsertChars::new);
    }

    private static Arbitrary<Mutation> replaceAll() {
        return Arbitraries.of("", " \n ", "null", "[]", "42", "\"x\"", "{} {}", "{", "}", "\uFEFF", "{\"\": 1}",
                "[" .repeat(2000), "{\"name\":" + "9".repeat(2000) + "}").map(ReplaceAll::new);
    }

    private static Arbitrary<String> rawValues() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.integers().between(-2, 200).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .map(String::valueOf),
                Arbitraries.doubles().between(-0.5, 1.5).map(String::valueOf),
                Arbitraries.of("NaN", "\"NaN\"", "Infinity", "-Infinity", "\"Infinity\"", "\"-Infinity\"", "1e400",
                        "-1e400", "1e-400", "99999999999999999999999", "-0", "0.0", "-0.0", "1", "1.0", "1.5",
                        "2147483648", "9223372036854775808", "true", "false", "null", "{}", "[]", "[1, 2]",
                        "{\"a\": 1}", "\"\"", "\" \"", "0x10", "01", "1.", ".5", "+1", "'single'"),
                Arbitraries.of(idsOf(UnlearningStrategy.class), idsOf(Metric.class), idsOf(FgsmVariant.class),
                        idsOf(RetrainMode.class), "\"lenet5\"", "\"paper-cnn\"", "\"LENET5\"", "\"loss_ranked\""),
                Arbitraries.strings().ofMaxLength(12).map(ConfigFuzzTest::quote));
    }

    private static String idsOf(Class<? extends Enum<?>> type) {
        Enum<?>[] values = type.getEnumConstants();
        return quote(values[values.length - 1].toString());
    }

    private static String quote(String s) {
        try {
            return TREE.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Applies {@code change} to the parent object of {@code path}; leaves text that is not JSON alone. */
    private static String edit(String json, java.util.function.BiConsumer<ObjectNode, String> change,
                               String path) {
        JsonNode root;
        try {
            root = TREE.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
        if (!(root instanceof ObjectNode top)) {
            return json;
        }
        ObjectNode node = top;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]) instanceof ObjectNode child ? child : node.putObject(parts[i]);
        }
        change.accept(node, parts[parts.length - 1]);
        try {
            return TREE.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> paths() {
        List<String> out = new ArrayList<>();
        try {
            collect(TREE.readTree(ConfigFiles.toJson(ConfigFilesTest.custom())), "", out);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        out.addAll(List.of("attak", "attack.epsilonn", "evaluation.extra", "data.folder.inner"));
        return out;
    }

    private static void collect(JsonNode node, String prefix, List<String> out) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            out.add(path);
            if (node.get(name).isObject()) {
                collect(node.get(name), path, out);
            }
        }
    }
}
