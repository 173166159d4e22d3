package org.unlearnlab.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFilesTest {

    static ExperimentConfig custom() {
        return new ExperimentConfig("my run 1", "tuned \"quoted\" description with ü",
                new ExperimentConfig.Data("/data/mnist", 12000, 2000),
                new ExperimentConfig.Model(ModelPreset.PAPER_CNN),
                new ExperimentConfig.Training(7, 64, 2.5e-4, 123456789012L),
                new ExperimentConfig.Attack(0.25, FgsmVariant.PAPER, 40, 0.005, false),
                new ExperimentConfig.Unlearning(UnlearningStrategy.ADVERSARIAL_TRAINING, 50, 30, 0.75,
                        Metric.PGD, RetrainMode.SCRATCH, 3, 5000),
                new ExperimentConfig.Evaluation(500, false));
    }

    @Test
    void validConfigsRoundTrip() throws ConfigException {
        for (ExperimentConfig c : List.of(ExperimentConfig.defaults(), custom())) {
            assertEquals(c, ConfigFiles.parse(ConfigFiles.toJson(c), "x.json"));
        }
    }

    @Test
    void toJsonIsPrettyAndKeepsTheRecordOrder() {
        String json = ConfigFiles.toJson(custom());
        assertTrue(json.endsWith("}\n"));
        assertFalse(json.contains("\r"));
        assertTrue(json.contains("\n  \"name\": \"my run 1\",\n"), json);
        assertInOrder(json, "\"name\"", "\"description\"", "\"data\"", "\"folder\"", "\"trainLimit\"", "\"model\"",
                "\"training\"", "\"epochs\"", "\"seed\"", "\"attack\"", "\"epsilon\"", "\"fgsmVariant\"",
                "\"pgdRandomStart\"", "\"unlearning\"", "\"strategy\"", "\"poolSize\"", "\"evaluation\"",
                "\"finalFullTest\"");
        assertTrue(json.contains("\"strategy\": \"adversarial-training\""), json);
        assertEquals(json, ConfigFiles.toJson(custom()), "output must be stable");
    }

    @Test
    void toJsonLeavesOutTheBundledDataFolder() {
        assertFalse(ConfigFiles.toJson(ExperimentConfig.defaults()).contains("folder"));
    }

    @Test
    void missingSectionsAndFieldsTakeTheDefaults() throws ConfigException {
        ExperimentConfig d = ExperimentConfig.defaults();
        assertEquals(d.withName("x"), ConfigFiles.parse("{\"name\": \"x\"}", "x.json"));
        assertEquals(d, ConfigFiles.parse("{}", "x.json"));

        ExperimentConfig c = ConfigFiles.parse("{\"attack\": {\"epsilon\": 0.3}, \"data\": {\"trainLimit\": 500}}",
                "x.json");
        assertEquals(new ExperimentConfig.Attack(0.3, d.attack().fgsmVariant(), d.attack().pgdSteps(),
                d.attack().pgdStepSize(), d.attack().pgdRandomStart()), c.attack());
        assertEquals(new ExperimentConfig.Data(null, 500, 0), c.data());
        assertEquals(d.training(), c.training());
        assertEquals(d.unlearning(), c.unlearning());
    }

    @Test
    void optionalSectionsAreAbsentUnlessGivenAndThenTakeTheirOwnDefaults() throws ConfigException {
        ExperimentConfig plain = ConfigFiles.parse("{\"name\": \"x\"}", "x.json");
        assertNull(plain.forget());
        assertNull(plain.backdoor());
        assertFalse(ConfigFiles.toJson(plain).contains("forget"));

        ExperimentConfig c = ConfigFiles.parse("{\"forget\": {\"method\": \"sisa\", \"sisa\": {\"shards\": 4}},"
                + " \"backdoor\": {\"rate\": 0.2}}", "x.json");
        assertEquals(ForgetMethod.SISA, c.forget().method());
        assertEquals(4, c.forget().sisa().shards());
        assertEquals(ForgetSettings.defaults().sisa().slices(), c.forget().sisa().slices());
        assertEquals(ForgetSettings.defaults().request(), c.forget().request());
        assertEquals(0.2, c.backdoor().rate());
        assertEquals(BackdoorSettings.defaults().trigger(), c.backdoor().trigger());
        assertEquals(c, ConfigFiles.parse(ConfigFiles.toJson(c), "x.json"));

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFiles.parse("{\"forget\": {\"methd\": \"sisa\"}}", "x.json"));
        assertTrue(e.getMessage().contains("forget.methd"), e.getMessage());
    }

    @Test
    void integersAreAcceptedForDecimalFields() throws ConfigException {
        assertEquals(1.0, ConfigFiles.parse("{\"attack\": {\"epsilon\": 1}}", "x.json").attack().epsilon());
    }

    @Test
    void nullDataFolderMeansTheBundledMnist() throws ConfigException {
        assertNull(ConfigFiles.parse("{\"data\": {\"folder\": null}}", "x.json").data().folder());
    }

    @Test
    void byteOrderMarkIsIgnored() throws ConfigException {
        assertEquals("x", ConfigFiles.parse("\uFEFF{\"name\": \"x\"}", "x.json").name());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // json | expected field | message fragment
            "{'name': 'a',\\n 'data': {\\n  'trainLimit': 1,,\\n}} | | x.json: malformed JSON at line 3, column 19:",
            "{'name': 'a' | | x.json: malformed JSON at line 1",
            "{'name': 'a'} trailing | | malformed JSON at line 1, column 15: unexpected content after the end",
            "{'name': 'a'}\\n\\n  } | | malformed JSON at line 3, column 3: unexpected content after the end",
            "{'name': 'a', 'name': 'b'} | | Duplicate field 'name'",
            "{'a': NaN} | | malformed JSON at line 1, column",
            "{\\n'name': 'a',\\n\\n'attak': {}\\n} | attak | x.json: unknown field \"attak\" at line 4 (known: name, description, data, model, training, attack, unlearning, evaluation, forget, backdoor, healing)",
            "{'attack': {\\n'epsilonn': 0.1}} | attack.epsilonn | x.json: unknown field \"attack.epsilonn\" at line 2 (known: epsilon, fgsmVariant, pgdSteps, pgdStepSize, pgdRandomStart)",
            "{'training': {\\n'epochs': 2.5}} | training.epochs | x.json: training.epochs must be a whole number (is 2.5, line 2)",
            "{'training': {'epochs': '3'}} | training.epochs | x.json: training.epochs must be a whole number (is \"3\", line 1)",
            "{'training': {'epochs': 99999999999}} | training.epochs | x.json: training.epochs is out of range for a whole number (is 99999999999, line 1)",
            "{'training': {'seed': 1e30}} | training.seed | x.json: training.seed must be a whole number",
            "{'training': {'epochs': null}} | training.epochs | x.json: training.epochs must be a whole number (is null, line 1)",
            "{'attack': {'epsilon': 'big'}} | attack.epsilon | x.json: attack.epsilon must be a number (is \"big\", line 1)",
            "{'attack': {'pgdRandomStart': 1}} | attack.pgdRandomStart | x.json: attack.pgdRandomStart must be true or false (is 1, line 1)",
            "{'name': 42} | name | x.json: name must be a string (is 42, line 1)",
            "{'name': ['a']} | name | x.json: name must be a string (is an array, line 1)",
            "{'data': null} | data | x.json: data must be an object (is null, line 1)",
            "{'data': 5} | data | x.json: data must be an object (is 5, line 1)",
            "{'unlearning': {'strategy': 'foo'}} | unlearning.strategy | x.json: unlearning.strategy: 'foo' is not one of loss-ranked, random, adversarial-training, extra-epochs",
            "{'unlearning': {'strategy': null}} | unlearning.strategy | x.json: unlearning.strategy must be one of loss-ranked, random, adversarial-training, extra-epochs (is null, line 1)",
            "{'unlearning': {'thresholdMetric': {}}} | unlearning.thresholdMetric | x.json: unlearning.thresholdMetric must be one of clean, fgsm-stable, fgsm-paper, pgd (is an object, line 1)",
            "{'model': {'preset': 'resnet'}} | model.preset | x.json: model.preset: unknown model preset 'resnet' (expected one of lenet5, paper-cnn, paper-lenet)",
            "[] | | x.json: must contain a JSON object ({...}), not an array",
            "'config' | | x.json: must contain a JSON object ({...}), not a string",
            "`` | | x.json: is empty",
            "` \\n\\t ` | | x.json: is empty",
    })
    void badFilesGiveOneLineMessagesNamingFileAndField(String json, String field, String fragment) {
        String text = json.replace('\'', '"').replace("\\n", "\n").replace("\\t", "\t");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parse(text, "x.json"));
        assertUserFacing(e, "x.json");
        assertTrue(e.getMessage().contains(fragment), () -> "expected <" + fragment + "> in <" + e.getMessage() + ">");
        assertEquals(field, e.field());
    }

    @Test
    void controlCharactersInValuesDoNotBreakTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFiles.parse("{\"unlearning\": {\"strategy\": \"a\\nb\\u2028c\"}}", "x.json"));
        assertUserFacing(e, "x.json");
        assertTrue(e.getMessage().contains("'a\\nb\\u2028c' is not one of"), e.getMessage());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.read(file));
        assertUserFacing(e, file.toString());
        assertEquals(file + ": file not found", e.getMessage());
    }

    @Test
    void emptyFile(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("empty.json"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.read(file));
        assertEquals(file + ": is empty", e.getMessage());
    }

    @Test
    void folderInsteadOfFile(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.read(dir));
        assertUserFacing(e, dir.toString());
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void notUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.read(file));
        assertEquals(file + ": is not UTF-8 text", e.getMessage());
    }

    @Test
    void errorsInAReadFileNameThePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("classroom.json");
        Files.writeString(file, "{\n  \"attack\": {\n    \"epsilon\": \"x\"\n  }\n}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.read(file));
        assertEquals(file + ": attack.epsilon must be a number (is \"x\", line 3)", e.getMessage());
    }

    @Test
    void writeThenReadGivesTheSameConfigAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        ConfigFiles.write(ExperimentConfig.defaults(), file);
        ConfigFiles.write(custom(), file);
        assertEquals(custom(), ConfigFiles.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writeIntoAMissingFolderNamesTheFile(@TempDir Path dir) {
        Path file = dir.resolve("no/such/c.json");
        IOException e = assertThrows(IOException.class, () -> ConfigFiles.write(custom(), file));
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
    }

    static void assertUserFacing(ConfigException e, String source) {
        String m = e.getMessage();
        assertTrue(m.startsWith(source + ": "), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        assertFalse(m.contains("com.fasterxml") || m.contains("Exception") || m.contains("jackson")
                || m.contains("`"), m);
        assertFalse(m.substring(source.length() + 2).isBlank(), m);
    }

    private static void assertInOrder(String text, String... parts) {
        int at = -1;
        for (String p : parts) {
            int next = text.indexOf(p, at + 1);
            assertTrue(next > at, () -> p + " out of order in " + text);
            at = next;
        }
    }
}
