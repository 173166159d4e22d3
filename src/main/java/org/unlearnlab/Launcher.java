package org.unlearnlab;

import org.unlearnlab.app.shell.UnlearnLabApp;
import org.unlearnlab.cli.UnlearnLabCli;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of {@code java -jar unlearnlab.jar}: no arguments opens the workbench, anything else is
 * the command line. JavaFX is started through a class that does not extend Application, so the jar runs
 * from the class path without a module path. Without a display (a server, an ssh session) no arguments prints
 * the command line's help instead of failing to open a window.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // Before any class touches ND4J: its native libraries read the thread count once, when they load.
        NativeBackend.limitNativeThreads();
        boolean app = args.length == 0 || (args.length == 1 && UnlearnLabApp.STARTUP_REPORT.equals(args[0]));
        if (app && !hasDisplay(System.getenv(), System.getProperty("os.name", ""))) {
            printHeadlessHelp(System.out);
            System.exit(0);
        } else if (app) {
            UnlearnLabApp.launchApp(args);
        } else {
            System.exit(UnlearnLabCli.execute(args));
        }
    }

    /** On Linux and the other X11/Wayland systems a window needs DISPLAY or WAYLAND_DISPLAY; elsewhere assume one. */
    static boolean hasDisplay(Map<String, String> env, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    static void printHeadlessHelp(PrintStream out) {
        out.println("unlearnlab: no display to open the workbench on (DISPLAY and WAYLAND_DISPLAY are unset); "
                + "the command line works without one:");
        out.println();
        UnlearnLabCli.printHelp(out);
    }
}
