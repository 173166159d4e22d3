package org.unlearnlab.cli;

import org.unlearnlab.engine.runtime.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line: the same experiments as the app, from the same JSON configs, for
 * reproducibility, benchmarks and CI. Exit codes: 0 done, 1 failed while running, 2 bad input
 * (config, data or model file, or arguments), 130 cancelled.
 */
@Command(name = "unlearnlab", mixinStandardHelpOptions = true, versionProvider = UnlearnLabCli.Version.class,
        description = {"Adversarial examples and machine unlearning on MNIST, from the command line.",
                "Without arguments, on a display, it opens the workbench. Runs on " + BuildInfo.PLATFORM + "."},
        subcommands = {RunCommand.class, TrainCommand.class, EvalCommand.class, DiagnoseCommand.class,
                CompareCommand.class, ReportCommand.class, BenchCommand.class, PresetsCommand.class,
                AuditCommand.class})
public final class UnlearnLabCli implements Runnable {
    /** The version Maven wrote into the build, so that it cannot drift from pom.xml. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{BuildInfo.nameAndVersion(), "Runs on " + BuildInfo.PLATFORM
                    + " (the native ND4J build it ships)"};
        }
    }

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_CANCELLED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required (run, train, eval, diagnose, compare, report, bench, presets, audit)");
    }

    /** The top-level help, as {@code --help} prints it, on {@code out}. */
    public static void printHelp(java.io.PrintStream out) {
        new CommandLine(new UnlearnLabCli()).usage(out);
    }

    public static int execute(String[] args) {
        CommandLine cli = new CommandLine(new UnlearnLabCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code = CliErrors.exitCode(ex);
            commandLine.getErr().println("unlearnlab: " + CliErrors.message(ex));
            return code;
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("unlearnlab: " + ex.getMessage()
                    + " (see 'unlearnlab " + ex.getCommandLine().getCommandName().replace("unlearnlab", "").trim()
                    + " --help')");
            return EXIT_BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } finally {
            // Whatever happened, a shutdown hook waiting for the run to record its end can stop waiting.
            Interrupts.finished();
        }
    }
}
