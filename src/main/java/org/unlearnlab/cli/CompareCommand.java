package org.unlearnlab.cli;

import org.unlearnlab.engine.comparison.StrategyComparison;
import org.unlearnlab.engine.config.ConfigFiles;
import org.unlearnlab.engine.config.ConfigValidator;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.UnlearningStrategy;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.metrics.IterationMetrics;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.progress.RunEta;
import org.unlearnlab.engine.runs.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run several unlearning strategies from one config and one shared starting model, then diagnose "
                + "each final model. Started again with the same --out, it continues where it stopped.")
final class CompareCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    ConfigChoice config = new ConfigChoice();

    @Option(names = "--out", required = true, description = "comparison folder (new, empty, or an earlier start of the same comparison)")
    Path out;

    @Option(names = "--strategies", split = ",", defaultValue = "loss-ranked,random,adversarial-training,extra-epochs",
            description = "comma-separated (default ${DEFAULT-VALUE})")
    List<String> strategies;

    @Option(names = "--diagnostics-subset", defaultValue = "1000",
            description = "test images for the diagnostics of each model (0 = all, -1 = no diagnostics; default ${DEFAULT-VALUE})")
    int diagnosticsSubset;

    @Option(names = "--json", description = "stdout as JSON lines: one per strategy (its last iteration and"
            + " diagnostics), then a summary line; progress stays on stderr")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = config.read();
        String source = config.sourceName();
        ConfigValidator.check(cfg, source);
        List<UnlearningStrategy> chosen = new ArrayList<>();
        for (String s : strategies) {
            try {
                UnlearningStrategy st = UnlearningStrategy.fromId(s.strip());
                if (!chosen.contains(st)) {
                    chosen.add(st);
                }
            } catch (RuntimeException e) {
                throw new CliErrors.BadInput("--strategies: unknown strategy '" + s.strip()
                        + "' (choose from loss-ranked, random, adversarial-training, extra-epochs)");
            }
        }
        boolean continuing;
        try {
            continuing = StrategyComparison.checkFolder(out, cfg);
        } catch (IOException e) {
            throw new CliErrors.BadInput(e.getMessage());
        }
        System.err.println((continuing ? "continuing comparison in " : "comparison folder: ") + out);
        String command = "java -jar target/unlearnlab.jar compare " + config.asArguments() + " --out " + out
                + " --strategies " + String.join(",", chosen.stream().map(UnlearningStrategy::id).toList())
                + " --diagnostics-subset " + diagnosticsSubset;
        CancellationToken token = Interrupts.cancelOnCtrlC();
        // One estimate over every strategy's iterations: the whole comparison's time left, not one strategy's.
        RunEta eta = RunEta.forConfig(cfg, chosen.size(), System.currentTimeMillis());
        ConsoleProgress progress = ConsoleProgress.onStderr().withRunEta(eta, "whole comparison: ");
        try {
            StrategyComparison.Result r = new StrategyComparison(cfg, chosen).diagnosticsSubset(diagnosticsSubset)
                    .command(command).run(out, new StrategyComparison.Listener() {
                        @Override
                        public ExperimentListener stage(String stage) {
                            return progress.withLogPrefix("[" + stage + "] ");
                        }

                        @Override
                        public void diagnosed(String stage, DiagnosticsReport report) {
                            System.err.println("[" + stage + "] diagnostics: " + report.overall().name() + " ("
                                    + String.join(", ", report.checks().stream().map(c -> c.id() + " " + c.verdict().id()).toList()) + ")");
                        }
                    }, token);
            if (json) {
                printJson(out, r);
            } else {
                printSummary(out, r);
            }
            return r.cancelled() ? UnlearnLabCli.EXIT_CANCELLED : 0;
        } finally {
            Interrupts.finished();
        }
    }

    /** One strategy's folder, its last loop iteration and its diagnostics (null without). */
    private record Finished(Path folder, IterationMetrics last, DiagnosticsReport diagnostics) {
    }

    /** The strategies with at least one iteration, in folder order. */
    private static List<Finished> finished(Path out, StrategyComparison.Result r) throws IOException {
        List<Finished> list = new ArrayList<>();
        for (Path p : StrategyComparison.runFolders(out)) {
            List<IterationMetrics> rows = RunFolder.open(p).readIterations().stream()
                    .filter(m -> !m.finalFullTest()).toList();
            if (!rows.isEmpty()) {
                list.add(new Finished(p, rows.get(rows.size() - 1), r.diagnostics().get(p.getFileName().toString())));
            }
        }
        return list;
    }

    private static void printJson(Path out, StrategyComparison.Result r) throws IOException {
        for (Finished f : finished(out, r)) {
            IterationMetrics z = f.last();
            JsonLines.print(JsonLines.object("strategy").put("strategy", f.folder().getFileName().toString())
                    .put("iteration", z.iteration()).put("removed", z.removedTotal())
                    .put("clean", JsonLines.figure(z.clean().accuracy()))
                    .put("fgsm_stable", JsonLines.figure(z.fgsmStable().accuracy()))
                    .put("fgsm_paper", JsonLines.figure(z.fgsmPaper().accuracy()))
                    .put("pgd", JsonLines.figure(z.pgd().accuracy()))
                    .put("diagnostics", f.diagnostics() == null ? null : f.diagnostics().overall().name())
                    .put("folder", f.folder().toString()));
        }
        JsonLines.print(JsonLines.object("summary").put("folder", out.toString()).put("cancelled", r.cancelled()));
    }

    private static void printSummary(Path out, StrategyComparison.Result r) throws IOException {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %5s %7s %7s %11s %11s %7s  %s%n", "strategy", "iter", "removed", "clean",
                "fgsm-stable", "fgsm-paper", "pgd", "diagnostics");
        for (Finished f : finished(out, r)) {
            IterationMetrics z = f.last();
            System.out.printf(Locale.ROOT, "%-22s %5d %7d %7.4f %11.4f %11.4f %7.4f  %s%n", f.folder().getFileName(),
                    z.iteration(), z.removedTotal(), z.clean().accuracy(), z.fgsmStable().accuracy(),
                    z.fgsmPaper().accuracy(), z.pgd().accuracy(),
                    f.diagnostics() == null ? "-" : f.diagnostics().overall().name());
        }
        System.out.println(r.cancelled() ? "cancelled; start the same command again to continue" : "comparison folder: " + out);
        System.out.println("report: java -jar target/unlearnlab.jar report --from " + out + " --out " + out.resolve("report"));
    }
}
