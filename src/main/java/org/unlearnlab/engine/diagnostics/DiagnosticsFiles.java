package org.unlearnlab.engine.diagnostics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.unlearnlab.engine.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** diagnostics.json: a {@link DiagnosticsReport} on disk, written atomically. */
public final class DiagnosticsFiles {
    public static final String FILE = "diagnostics.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DiagnosticsFiles() {
    }

    public static void write(DiagnosticsReport report, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(report) + "\n");
    }

    /**
     * The report as one line of JSON with {@code "type": "diagnostics"} first (the CLI's {@code diagnose --json});
     * the same fields as the file.
     */
    public static String toJsonLine(DiagnosticsReport report) {
        com.fasterxml.jackson.databind.node.ObjectNode line = JSON.createObjectNode().put("type", "diagnostics");
        line.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(report));
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the diagnostics report does not serialise", e);
        }
    }

    /** @return the report, or null when the file does not exist */
    public static DiagnosticsReport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), DiagnosticsReport.class);
        } catch (IOException e) {
            throw new IOException(file.getFileName() + ": not a readable diagnostics file (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
