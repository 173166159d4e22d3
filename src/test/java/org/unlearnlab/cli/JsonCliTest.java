package org.unlearnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unlearnlab.cli.CliTest.cli;

/** --json on run, train, diagnose and compare: stdout is JSON lines only, each with its type; logs stay on stderr. */
class JsonCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every stdout line as JSON; fails on any line that is not. */
    private static List<JsonNode> lines(CliTest.Result r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject() && node.hasNonNull("type"), "a typed JSON object per line: " + line);
            out.add(node);
        }
        return out;
    }

    private static List<String> types(List<JsonNode> lines) {
        return lines.stream().map(n -> n.get("type").asText()).toList();
    }

    @Test
    void runTrainAndDiagnosePrintOnlyJsonLinesAndTheRunsProgressGoesToStderr(@TempDir Path dir) throws Exception {
        Path cfg = CliTest.tinyConfig(dir);
        Path out = dir.resolve("run");
        CliTest.Result run = cli("run", "--config", cfg.toString(), "--out", out.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        List<JsonNode> rows = lines(run);
        assertEquals(List.of("iteration", "iteration", "iteration", "iteration", "summary"), types(rows));
        assertEquals(List.of(0, 1, 2, 2), rows.subList(0, 4).stream().map(n -> n.get("iteration").asInt()).toList());
        assertTrue(rows.get(3).get("finalFullTest").asBoolean());
        // The same lines as the run folder's metrics.jsonl holds for its iterations.
        List<String> recorded = Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .filter(l -> l.startsWith("{\"type\":\"iteration\"")).toList();
        assertEquals(recorded, run.out().strip().lines().limit(4).toList());
        JsonNode summary = rows.get(4);
        assertEquals("tiny", summary.get("name").asText());
        assertEquals(2, summary.get("iterations").asInt());
        assertEquals(40, summary.get("removed").asInt());
        assertEquals(out.toString(), summary.get("folder").asText());
        assertTrue(run.err().contains("iteration 1/2 done, "), run.err());
        assertTrue(run.err().matches("(?s).*iteration 2/2 done, \\d+:\\d\\d elapsed, ETA 0:00.*"), run.err());
        assertFalse(run.out().contains("ETA"), "progress stays off stdout");

        Path model = dir.resolve("model.zip");
        CliTest.Result train = cli("train", "--config", cfg.toString(), "--out", model.toString(), "--json");
        assertEquals(0, train.code(), train.err());
        List<JsonNode> trained = lines(train);
        assertEquals(List.of("model"), types(trained));
        assertEquals(600, trained.get(0).get("train_images").asInt());
        double clean = trained.get(0).get("clean").asDouble();
        assertTrue(clean > 0.1 && clean <= 1, train.out());

        CliTest.Result diagnose = cli("diagnose", "--model", model.toString(), "--surrogate", model.toString(),
                "--limit", "50", "--cw-limit", "0", "--pgd-steps", "2", "--json");
        assertEquals(0, diagnose.code(), diagnose.err());
        List<JsonNode> report = lines(diagnose);
        List<String> kinds = types(report);
        assertEquals("diagnostics", kinds.get(kinds.size() - 1));
        assertTrue(kinds.subList(0, kinds.size() - 1).stream().allMatch("check"::equals), kinds.toString());
        assertEquals(report.get(report.size() - 1).get("checks").size(), kinds.size() - 1, "one line per check");
        assertTrue(report.get(0).get("verdict").asText().matches("PASS|WARN|FAIL"), diagnose.out());

        Path file = dir.resolve("diag.json");
        CliTest.Result toFile = cli("diagnose", "--model", model.toString(), "--surrogate", model.toString(),
                "--limit", "50", "--cw-limit", "0", "--pgd-steps", "2", "--json", file.toString());
        assertEquals(0, toFile.code(), toFile.err());
        assertTrue(toFile.out().contains("overall: "), "--json FILE keeps the text on stdout");
        assertTrue(JSON.readTree(file.toFile()).has("checks"));
    }

    @Test
    void compareJsonHasALinePerStrategyAndTheWholeComparisonsEtaOnStderr(@TempDir Path dir) throws Exception {
        Path cfg = CliTest.tinyConfig(dir);
        CliTest.Result r = cli("compare", "--config", cfg.toString(), "--out", dir.resolve("cmp").toString(),
                "--strategies", "random", "--diagnostics-subset", "-1", "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> rows = lines(r);
        assertEquals(List.of("strategy", "summary"), types(rows));
        assertEquals("random", rows.get(0).get("strategy").asText());
        assertEquals(2, rows.get(0).get("iteration").asInt());
        assertFalse(rows.get(1).get("cancelled").asBoolean());
        assertTrue(r.err().contains("whole comparison: iteration 1/2 done, "), r.err());
        assertTrue(r.err().contains("whole comparison: iteration 2/2 done, "), r.err());
    }
}
