package org.unlearnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.runtime.BuildInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unlearnlab.cli.CliTest.assertOneLineError;
import static org.unlearnlab.cli.CliTest.cli;

/** What the installed command line needs without a checkout: presets and the model by name, and its version. */
class StandaloneCliTest {

    @Test
    void presets_lists_every_sample_config_once_with_one_line_each() throws Exception {
        CliTest.Result r = cli("presets");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("sample-configs"))) {
            files = list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.replaceFirst("\\.json$", "")).sorted().toList();
        }
        assertEquals(files, lines.stream().map(l -> l.split(" ")[0]).sorted().toList(), r.out());
        assertTrue(lines.get(0).startsWith("classroom "), "the quick demo first: " + lines.get(0));
        assertTrue(lines.get(0).contains("two-minute demo"), lines.get(0));
        lines.forEach(l -> assertTrue(l.length() <= 120, "one short line: " + l));
    }

    @Test
    void a_preset_is_read_by_name_and_a_wrong_name_is_one_line(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        // The --out check comes after the config is read and validated, so reaching it shows the preset loaded.
        assertOneLineError(cli("run", "--preset", "classroom", "--out", file.toString()), "--out must be a folder");
        assertOneLineError(cli("run", "--preset", "clasroom"), "clasroom", "no such preset", "classroom");
        assertOneLineError(cli("run", "--preset", "classroom", "--config", "x.json"), "not both");
        assertOneLineError(cli("compare", "--out", dir.resolve("c").toString()), "--preset");
    }

    @Test
    void eval_takes_the_bundled_model_by_name() {
        CliTest.Result r = cli("eval", "--model", "bundled", "--limit", "50", "--eps", "0.1", "--variant", "stable");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("clean") && r.out().contains("0.1"), r.out());
    }

    @Test
    void a_run_wants_the_bundled_model_to_be_of_its_preset() {
        assertOneLineError(cli("run", "--preset", "paper-reduced", "--model", "bundled"), "bundled", "lenet5",
                "paper-cnn");
    }

    @Test
    void the_version_is_the_poms() throws Exception {
        Matcher m = Pattern.compile("<artifactId>unlearnlab</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        CliTest.Result r = cli("--version");
        assertEquals(0, r.code());
        assertEquals("UnlearnLab " + m.group(1), r.out().lines().findFirst().orElse(""));
        assertEquals(m.group(1), BuildInfo.version());
        assertTrue(r.out().contains(BuildInfo.PLATFORM), r.out());
    }
}
