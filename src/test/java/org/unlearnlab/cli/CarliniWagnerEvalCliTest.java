package org.unlearnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unlearnlab.cli.CliTest.assertOneLineError;
import static org.unlearnlab.cli.CliTest.cli;

/** eval --attack cw: the C&W line next to the clean one, as text and as JSON, and --eps refused with it. */
class CarliniWagnerEvalCliTest {
    private static final String MODEL = "assets/models/lenet5-mnist.zip";

    @Test
    void evalWithCwPrintsTheSuccessRateAndMedianL2BesidesAccuracy() throws Exception {
        CliTest.Result text = cli("eval", "--model", MODEL, "--attack", "cw", "--limit", "12",
                "--cw-binary-steps", "3", "--cw-steps", "20");
        assertEquals(0, text.code(), text.err());
        String cw = text.out().lines().filter(l -> l.startsWith("cw ")).findFirst().orElseThrow(
                () -> new AssertionError("no C&W line in: " + text.out()));
        assertTrue(cw.contains("accuracy") && cw.contains("success rate") && cw.contains("median L2"), cw);
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("clean")), text.out());

        CliTest.Result json = cli("eval", "--model", MODEL, "--attack", "cw", "--limit", "12",
                "--cw-binary-steps", "3", "--cw-steps", "20", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode line = new ObjectMapper().readTree(json.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals("cw", line.get("attack").asText());
        assertEquals(12, line.get("evaluated").asInt());
        double rate = line.get("success_rate").asDouble();
        assertTrue(rate >= 0 && rate <= 1, json.out());
        assertEquals(line.get("flipped").asDouble() / line.get("correct").asDouble(), rate, 1e-4);
        assertTrue(line.get("median_l2").isNull() || line.get("median_l2").asDouble() > 0, json.out());
    }

    @Test
    void epsIsRefusedWithCwBecauseItHasNoBudget() {
        assertOneLineError(cli("eval", "--model", MODEL, "--attack", "cw", "--eps", "0.1"), "--eps", "cw");
    }
}
