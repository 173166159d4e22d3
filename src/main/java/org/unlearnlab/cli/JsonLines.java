package org.unlearnlab.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The {@code --json} convention of every command: stdout holds nothing but JSON objects, one a line (one per
 * result), each with a {@code "type"} saying what it is; progress and logs stay on stderr. Accuracies are rounded
 * to four decimals as the text output shows them; NaN (a distance over no flipped image) is null.
 */
final class JsonLines {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private JsonLines() {
    }

    static ObjectNode object(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    /** {@code v} to four decimals, or null when it is not a number. */
    static BigDecimal figure(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP) : null;
    }

    static void print(ObjectNode line) {
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line that is JSON already (a run folder's metrics line). */
    static void printRaw(String line) {
        System.out.println(line);
    }
}
