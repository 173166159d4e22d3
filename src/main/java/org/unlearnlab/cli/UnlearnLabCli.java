package org.unlearnlab.cli;

/** The headless command line (placeholder until the commands land). */
public final class UnlearnLabCli {
    private UnlearnLabCli() {
    }

    public static int execute(String[] args) {
        System.err.println("not yet implemented");
        return 1;
    }
}
