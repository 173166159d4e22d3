package org.unlearnlab.cli;

import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.diagnostics.CleanSurrogate;
import org.unlearnlab.engine.diagnostics.DiagnosticCheck;
import org.unlearnlab.engine.diagnostics.DiagnosticsFiles;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.RobustnessDiagnostics;
import org.unlearnlab.engine.eval.EpsilonSweep;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Check whether a model's robustness is real or gradient masking: zero input gradients, "
                + "PGD vs FGSM, an epsilon sweep to 0.5, and a transfer attack from a separately trained clean model.")
final class DiagnoseCommand implements Callable<Integer> {
    @Option(names = "--model", required = true,
            description = "model zip to diagnose, or 'bundled' for the pretrained LeNet-5")
    Path model;

    @Option(names = "--data", description = "folder of IDX files (default: bundled MNIST)")
    Path data;

    @Option(names = "--limit", defaultValue = "1000", description = "test images to use (0 = all; default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--eps", defaultValue = "0.1", description = "FGSM/PGD epsilon (default ${DEFAULT-VALUE})")
    double eps;

    @Option(names = "--pgd-steps", defaultValue = "10")
    int pgdSteps;

    @Option(names = "--pgd-step-size", defaultValue = "0.01")
    double pgdStepSize;

    @Option(names = "--surrogate", description = "clean model zip to craft transfer examples on (default: the bundled "
            + "LeNet-5 for MNIST unless that is the model diagnosed, otherwise one trained for 1 epoch here)")
    Path surrogate;

    @Option(names = "--cw-limit", description = "Carlini-Wagner L2 on the first N of those images (0 = skip; default "
            + RobustnessDiagnostics.DEFAULT_CW_SUBSET + ")")
    int cwLimit = RobustnessDiagnostics.DEFAULT_CW_SUBSET;

    @Option(names = "--json", arity = "0..1", fallbackValue = STDOUT, paramLabel = "FILE",
            description = "--json alone: stdout as one JSON line per check and a last line with the whole report"
                    + " (figures, sweep, checks); --json FILE: print as text and also write the report to FILE")
    String json;

    private static final String STDOUT = "-";

    @Option(names = "--seed", defaultValue = "42", description = "PGD random start and surrogate seed")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!(eps > 0 && eps <= 1)) {
            throw new CliErrors.BadInput("--eps " + eps + " is outside (0, 1]");
        }
        if (cwLimit < 0) {
            throw new CliErrors.BadInput("--cw-limit must be >= 0");
        }
        if (limit < 0 || pgdSteps < 1 || !(pgdStepSize > 0 && pgdStepSize <= 1)) {
            throw new CliErrors.BadInput("--limit must be >= 0, --pgd-steps >= 1, --pgd-step-size in (0, 1]");
        }
        Classifier c = Classifier.load(model);
        DatasetSplit split = DatasetLoader.load(data == null ? null : data.toString());
        TensorData test = TensorData.of(split.test().head(limit));
        CancellationToken token = Interrupts.cancelOnCtrlC();
        ExperimentListener log = new ExperimentListener() {
            @Override
            public void log(String line) {
                System.err.println(line);
            }
        };
        CleanSurrogate s = surrogate != null
                ? new CleanSurrogate(Classifier.load(surrogate), surrogate.getFileName().toString())
                : CleanSurrogate.forData(split.train(), test, 1, seed, c, log, token);
        RobustnessDiagnostics.Settings settings = new RobustnessDiagnostics.Settings(
                new AttackSuite(eps, pgdSteps, pgdStepSize, true, seed), limit, EpsilonSweep.DEFAULT_EPSILONS, cwLimit);
        DiagnosticsReport r = RobustnessDiagnostics.run(model.getFileName().toString(), c, test, s.model(), s.name(),
                settings, System.err::println, token);
        if (STDOUT.equals(json)) {
            for (DiagnosticCheck check : r.checks()) {
                JsonLines.print(JsonLines.object("check").put("id", check.id()).put("verdict", check.verdict().name())
                        .put("title", check.title()).put("explanation", check.explanation()));
            }
            JsonLines.printRaw(DiagnosticsFiles.toJsonLine(r));
        } else {
            print(r);
        }
        if (json != null && !STDOUT.equals(json)) {
            DiagnosticsFiles.write(r, Path.of(json));
            System.out.println("written: " + json);
        }
        Interrupts.finished();
        return 0;
    }

    static void print(DiagnosticsReport r) {
        System.out.printf(Locale.ROOT, "%n%s on %d test images, eps %.3f%n", r.model(), r.evaluated(), r.epsilon());
        System.out.printf(Locale.ROOT, "clean %.4f  FGSM-stable %.4f (zero %d)  FGSM-paper %.4f (zero %d)  PGD %.4f%s%n",
                r.clean().accuracy(), r.fgsmStable().accuracy(), r.fgsmStable().zeroGradientCount(),
                r.fgsmPaper().accuracy(), r.fgsmPaper().zeroGradientCount(), r.pgd().accuracy(),
                r.transfer() == null ? "" : String.format(Locale.ROOT, "  transfer %.4f", r.transfer().accuracy()));
        CarliniWagnerSummary cw = r.carliniWagner();
        if (cw != null) {
            System.out.printf(Locale.ROOT, "C&W L2 on %d: success rate %.4f (%d of %d correct)  median L2 %.3f  mean L2 %.3f%n",
                    cw.evaluated(), cw.successRate(), cw.flipped(), cw.correct(), cw.medianL2(), cw.meanL2());
        }
        System.out.println("eps sweep (FGSM-stable / FGSM-paper / PGD):");
        for (SweepPoint p : r.sweep()) {
            System.out.printf(Locale.ROOT, "  %.2f  %.4f / %.4f / %.4f%n", p.epsilon(), p.fgsmStable(), p.fgsmPaper(), p.pgd());
        }
        for (DiagnosticCheck c : r.checks()) {
            System.out.printf(Locale.ROOT, "%-4s  %s: %s%n", c.verdict().name(), c.title(), c.explanation());
        }
        System.out.println("overall: " + r.overall().name());
    }
}
