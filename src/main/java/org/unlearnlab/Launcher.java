package org.unlearnlab;

/**
 * Entry point of {@code java -jar unlearnlab.jar}: no arguments opens the workbench, anything else is
 * the command line. JavaFX is started through a class that does not extend Application, so the jar runs
 * from the class path without a module path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // Before any class touches ND4J: its native libraries read the thread count once, when they load.
        org.unlearnlab.engine.runtime.NativeBackend.limitNativeThreads();
        if (args.length == 0) {
            org.unlearnlab.app.shell.UnlearnLabApp.launchApp(args);
        } else {
            System.exit(org.unlearnlab.cli.UnlearnLabCli.execute(args));
        }
    }
}
