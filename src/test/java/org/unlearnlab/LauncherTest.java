package org.unlearnlab;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    @Test
    void a_linux_session_without_display_variables_has_no_display() {
        assertFalse(Launcher.hasDisplay(Map.of(), "Linux"));
        assertFalse(Launcher.hasDisplay(Map.of("DISPLAY", " "), "Linux"));
        assertTrue(Launcher.hasDisplay(Map.of("DISPLAY", ":0"), "Linux"));
        assertTrue(Launcher.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"));
        assertTrue(Launcher.hasDisplay(Map.of(), "Windows 11"), "no such variables there");
    }

    @Test
    void without_a_display_the_help_lists_the_commands() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Launcher.printHeadlessHelp(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("unlearnlab: no display"), out);
        for (String command : new String[]{"run", "eval", "presets", "--version"}) {
            assertTrue(out.contains(command), command + " in:\n" + out);
        }
    }
}
