package org.unlearnlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line: the same experiments as the app, from the same JSON configs, for
 * reproducibility, benchmarks and CI. Exit codes: 0 done, 1 failed while running, 2 bad input
 * (config, data or model file, or arguments), 130 cancelled.
 */
@Command(name = "unlearnlab", mixinStandardHelpOptions = true, version = "UnlearnLab 0.1.0",
        description = "Adversarial examples and machine unlearning on MNIST, from the command line.",
        subcommands = {RunCommand.class, TrainCommand.class, EvalCommand.class, DiagnoseCommand.class,
                CompareCommand.class, ReportCommand.class, BenchCommand.class, AuditCommand.class})
public final class UnlearnLabCli implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_CANCELLED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, train, eval, diagnose, compare, report, bench, audit)");
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
