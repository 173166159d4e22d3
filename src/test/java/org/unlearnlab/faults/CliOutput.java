package org.unlearnlab.faults;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the user sees when a command fails: its exit code and one line, never a stack trace. */
public final class CliOutput {
    private CliOutput() {
    }

    /**
     * Asserts the exit code, that neither stream holds a stack trace, and that the last line of stderr (after
     * any progress lines) is the error: "unlearnlab: ..." holding every fragment (the file or field named).
     *
     * @return that line
     */
    public static String errorLine(int expectedCode, int code, String out, String err, String... fragments) {
        assertEquals(expectedCode, code, "exit code; stderr: " + err);
        for (String stream : new String[]{out, err}) {
            assertFalse(stream.contains("Exception") || stream.contains("\tat "), "no stack trace: " + stream);
        }
        List<String> lines = err.strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertTrue(last.startsWith("unlearnlab: "), "last stderr line: " + err);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("unlearnlab: ")).count(), "one error line: " + err);
        for (String f : fragments) {
            assertTrue(last.contains(f), "'" + f + "' missing from: " + last);
        }
        return last;
    }
}
