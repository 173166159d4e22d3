package org.unlearnlab.cli;

import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.ForgetExperiment;
import org.unlearnlab.engine.experiment.HealingExperiment;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.experiment.RunResumption;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.progress.RunEta;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train, attack and unlearn as a config says, recording everything in a run folder;"
                + " or continue a killed or cancelled run with --resume.")
final class RunCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    ConfigChoice config = new ConfigChoice();

    @Option(names = "--resume", paramLabel = "FOLDER",
            description = "continue this killed or cancelled run from its last finished iteration"
                    + " (the config comes from the folder)")
    Path resume;

    @Option(names = "--out", description = "run folder to create (must not exist or be empty); default: a new folder under $UNLEARNLAB_RUNS or ~/.unlearnlab/runs")
    Path out;

    @Option(names = "--model", description = "start the unlearning loop from this model zip instead of training one "
            + "('bundled': the pretrained LeNet-5)")
    Path model;

    @Option(names = "--fractions", split = ",", paramLabel = "F",
            description = "with a forget config: forget a random share for each of these fractions (e.g."
                    + " 0.05,0.1,0.2,0.3) from one original model, and chart accuracy against the share")
    double[] fractions;

    @Option(names = "--json", description = "stdout as JSON lines: one per iteration (as in metrics.jsonl), then a"
            + " summary line; progress stays on stderr")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resume();
        }
        if (!config.given()) {
            throw new CliErrors.BadInput(
                    "run needs --config FILE or --preset NAME, or --resume FOLDER to continue a run");
        }
        ExperimentConfig cfg = config.read();
        String source = config.sourceName();
        ConfigValidator.check(cfg, source);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliErrors.BadInput(out + ": --out must be a folder, and this is a file");
        }
        if (out != null && Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new CliErrors.BadInput(out + ": already holds files; choose another --out or delete it");
                }
            }
        }
        if (fractions != null && cfg.forget() == null) {
            throw new CliErrors.BadInput("--fractions needs a config with a forget section");
        }
        if (cfg.forget() != null) {
            return forget(cfg);
        }
        // Bad data is bad input: refuse it before a run folder exists, rather than leave a failed run behind.
        DatasetSplit data = DatasetLoader.load(cfg.data().folder());
        if (cfg.backdoor() != null) {
            return backdoor(cfg, data);
        }
        ExperimentRunner runner = new ExperimentRunner(cfg).withData(data);
        if (model != null) {
            runner.startingFrom(Classifier.load(model, cfg.model().preset()));
        }
        CancellationToken token = Interrupts.cancelOnCtrlC();
        RunFolder run = out != null ? RunFolder.createAt(out, cfg) : RunFolder.create(RunStore.defaultRoot(), cfg);
        System.err.println("run folder: " + run.path());
        run.writeCommand("java -jar target/unlearnlab.jar run " + config.asArguments()
                + (model != null ? " --model " + model : "") + " --out " + (out != null ? out : run.path()));
        try {
            RunOutcome outcome = runner.run(run, progress(cfg), token);
            printSummary(cfg, outcome);
            return outcome.reason() == StopReason.CANCELLED ? UnlearnLabCli.EXIT_CANCELLED : 0;
        } finally {
            Interrupts.finished();
        }
    }

    private int backdoor(ExperimentConfig cfg, DatasetSplit data) throws Exception {
        if (model != null) {
            throw new CliErrors.BadInput(
                    "--model is not used with a backdoor config: the run trains the backdoored model");
        }
        return BackdoorRun.run(cfg, data, out != null ? RunFolder.createAt(out, cfg)
                : RunFolder.create(RunStore.defaultRoot(), cfg));
    }

    /** A forget request instead of the paper's loop. */
    private int forget(ExperimentConfig cfg) throws Exception {
        if (model != null) {
            throw new CliErrors.BadInput("--model is for the paper's loop; a forget run trains its own original model");
        }
        if (fractions != null) {
            for (double f : fractions) {
                if (!(f > 0 && f < 1)) {
                    throw new CliErrors.BadInput("--fractions: each must be greater than 0 and less than 1 (is " + f
                            + ")");
                }
            }
        }
        var data = DatasetLoader.load(cfg.data().folder());
        if (cfg.healing() != null) {
            if (fractions != null) {
                throw new CliErrors.BadInput("--fractions is not used with a healing section: a healing run heals one"
                        + " request");
            }
            new HealingExperiment(cfg).check(data);
            return HealingRun.run(cfg, data, out != null ? RunFolder.createAt(out, cfg)
                    : RunFolder.create(RunStore.defaultRoot(), cfg));
        }
        if (fractions == null) {
            new ForgetExperiment(cfg).checkRequest(data);
        }
        RunFolder run = out != null ? RunFolder.createAt(out, cfg) : RunFolder.create(RunStore.defaultRoot(), cfg);
        return ForgetRun.run(cfg, data, run, fractions);
    }

    private int resume() throws Exception {
        if (config.given() || out != null || model != null) {
            throw new CliErrors.BadInput(
                    "--resume takes no --config, --preset, --out or --model: the run folder has them");
        }
        RunResumption resumption = RunResumption.open(resume);
        ExperimentConfig cfg = resumption.config();
        CancellationToken token = Interrupts.cancelOnCtrlC();
        System.err.println("run folder: " + resumption.folder() + " (resuming after iteration "
                + resumption.lastFinishedIteration() + ")");
        try {
            RunOutcome outcome = resumption.run(progress(cfg), token);
            printSummary(cfg, outcome);
            return outcome.reason() == StopReason.CANCELLED ? UnlearnLabCli.EXIT_CANCELLED : 0;
        } finally {
            Interrupts.finished();
        }
    }

    /** Progress with the whole run's ETA on stderr and, with --json, every iteration as a line on stdout. */
    private ExperimentListener progress(ExperimentConfig cfg) {
        ConsoleProgress console = ConsoleProgress.onStderr().withRunEta(RunEta.forConfig(cfg,
                System.currentTimeMillis()), "");
        return json ? console.alsoOnIteration(m -> JsonLines.printRaw(RunFolder.metricLine("iteration", m))) : console;
    }

    private void printSummary(ExperimentConfig cfg, RunOutcome o) {
        if (json) {
            JsonLines.print(JsonLines.object("summary").put("name", cfg.name()).put("reason", o.reason().name())
                    .put("iterations", o.iterations().stream().filter(m -> !m.finalFullTest())
                            .mapToInt(IterationMetrics::iteration).max().orElse(0))
                    .put("removed", o.removed().size()).put("trainSizeLeft", o.trainSizeLeft())
                    .put("millis", o.millis()).put("folder", o.folder() == null ? null : o.folder().toString()));
            return;
        }
        System.out.println();
        System.out.printf("%s: %s, %s, strategy %s, eps %.3f, threshold %.2f on %s%n", cfg.name(),
                cfg.model().preset().id(), o.reason(), cfg.unlearning().strategy().id(), cfg.attack().epsilon(),
                cfg.unlearning().threshold(), cfg.unlearning().thresholdMetric().id());
        if (!o.iterations().isEmpty()) {
            System.out.print(Format.table(o.iterations()));
        }
        System.out.printf("removed %d samples, %d left; total time %s%n", o.removed().size(), o.trainSizeLeft(),
                Format.duration(o.millis()));
        System.out.println("zero = inputs whose FGSM input gradient was exactly zero (left unchanged by the attack)");
        if (o.folder() != null) {
            System.out.println("run folder: " + o.folder());
        }
    }
}
