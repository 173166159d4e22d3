package org.unlearnlab.cli;

import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model zip on the test set, clean and under FGSM or PGD at one or more epsilons.")
final class EvalCommand implements Callable<Integer> {
    enum AttackName { fgsm, pgd }

    @Option(names = "--model", required = true, description = "model zip (from run, train, or the bundled one)")
    Path model;

    @Option(names = "--attack", defaultValue = "fgsm", description = "fgsm or pgd (default ${DEFAULT-VALUE})")
    AttackName attack;

    @Option(names = "--eps", split = ",", defaultValue = "0.1", description = "epsilon(s), comma-separated")
    List<Double> eps;

    @Option(names = "--variant", defaultValue = "both", description = "FGSM loss: stable, paper or both")
    String variant;

    @Option(names = "--data", description = "folder of IDX files (default: bundled MNIST)")
    Path data;

    @Option(names = "--limit", defaultValue = "0", description = "evaluate the first N test images (0 = all)")
    int limit;

    @Option(names = "--pgd-steps", defaultValue = "10")
    int pgdSteps;

    @Option(names = "--pgd-step-size", defaultValue = "0.01")
    double pgdStepSize;

    @Option(names = "--json", description = "one JSON line per result instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        for (double e : eps) {
            if (!(e >= 0 && e <= 1)) {
                throw new CliErrors.BadInput("--eps " + e + " is outside [0, 1]");
            }
        }
        if (!List.of("stable", "paper", "both").contains(variant)) {
            throw new CliErrors.BadInput("--variant must be stable, paper or both, was '" + variant + "'");
        }
        if (limit < 0 || pgdSteps < 1 || !(pgdStepSize > 0 && pgdStepSize <= 1)) {
            throw new CliErrors.BadInput("--limit must be >= 0, --pgd-steps >= 1, --pgd-step-size in (0, 1]");
        }
        Classifier c = Classifier.load(model);
        ImageDataset test = DatasetLoader.load(data == null ? null : data.toString()).test().head(limit);
        TensorData t = TensorData.of(test);
        CancellationToken token = Interrupts.cancelOnCtrlC();
        CleanSummary clean = Evaluator.clean(c, t, 0, token);
        print("clean", 0, clean.accuracy(), clean.meanLoss(), 0, clean.evaluated());
        // eval has no experiment of its own: PGD is seeded as a default config's would be (AttackSuite's rule).
        AttackSuite suite = new AttackSuite(0, pgdSteps, pgdStepSize, true, ExperimentConfig.defaults().training().seed());
        for (double e : eps) {
            AttackSuite at = suite.atEpsilon(e);
            if (attack == AttackName.pgd) {
                report(Evaluator.attacked(c, t, 0, at.pgd(), token));
            } else {
                if (!variant.equals("paper")) {
                    report(Evaluator.attacked(c, t, 0, at.fgsm(FgsmVariant.STABLE), token));
                }
                if (!variant.equals("stable")) {
                    report(Evaluator.attacked(c, t, 0, at.fgsm(FgsmVariant.PAPER), token));
                }
            }
        }
        Interrupts.finished();
        return 0;
    }

    private void report(AttackSummary a) {
        print(a.attack(), a.epsilon(), a.accuracy(), a.meanLoss(), a.zeroGradientCount(), a.evaluated());
    }

    private void print(String name, double e, double acc, double loss, int zero, int n) {
        if (json) {
            System.out.printf(Locale.ROOT, "{\"model\":\"%s\",\"attack\":\"%s\",\"epsilon\":%.4f,\"accuracy\":%.4f,"
                    + "\"mean_loss\":%.4f,\"zero_gradient\":%d,\"evaluated\":%d}%n", model.getFileName(), name, e, acc, loss, zero, n);
        } else {
            System.out.printf(Locale.ROOT, "%-12s eps %.3f  accuracy %.4f  loss %.4f  zero-gradient %d/%d%n",
                    name, e, acc, loss, zero, n);
        }
    }
}
