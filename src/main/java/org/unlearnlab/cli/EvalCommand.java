package org.unlearnlab.cli;

import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.attack.CarliniWagnerL2Attack;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model zip on the test set, clean and under FGSM or PGD at one or more epsilons, "
                + "or under Carlini-Wagner L2 (success rate and L2 distance to flip).")
final class EvalCommand implements Callable<Integer> {
    enum AttackName { fgsm, pgd, cw }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true,
            description = "model zip (from run or train), or 'bundled' for the pretrained LeNet-5")
    Path model;

    @Option(names = "--attack", defaultValue = "fgsm", description = "fgsm, pgd or cw (default ${DEFAULT-VALUE})")
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

    @Option(names = "--cw-binary-steps", description = "C&W: binary-search steps over c (default "
            + CarliniWagnerL2Attack.DEFAULT_BINARY_STEPS + ")")
    int cwBinarySteps = CarliniWagnerL2Attack.DEFAULT_BINARY_STEPS;

    @Option(names = "--cw-steps", description = "C&W: Adam steps per value of c (default "
            + CarliniWagnerL2Attack.DEFAULT_ADAM_STEPS + ")")
    int cwSteps = CarliniWagnerL2Attack.DEFAULT_ADAM_STEPS;

    @Option(names = "--json", description = "one JSON line per result on stdout instead of text (type \"eval\")")
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
        if (attack == AttackName.cw && spec.commandLine().getParseResult().hasMatchedOption("--eps")) {
            throw new CliErrors.BadInput("--eps does not apply to --attack cw: C&W has no L-infinity budget, it finds"
                    + " the smallest L2 change that flips each image");
        }
        if (cwBinarySteps < 1 || cwSteps < 1) {
            throw new CliErrors.BadInput("--cw-binary-steps and --cw-steps must be >= 1");
        }
        Classifier c = Classifier.load(model);
        ImageDataset test = DatasetLoader.load(data == null ? null : data.toString()).test().head(limit);
        TensorData t = TensorData.of(test);
        CancellationToken token = Interrupts.cancelOnCtrlC();
        CleanSummary clean = Evaluator.clean(c, t, 0, token);
        print("clean", 0, clean.accuracy(), clean.meanLoss(), 0, clean.evaluated());
        // eval has no experiment of its own: PGD is seeded as a default config's would be (AttackSuite's rule).
        AttackSuite suite = new AttackSuite(0, pgdSteps, pgdStepSize, true, ExperimentConfig.defaults().training().seed());
        if (attack == AttackName.cw) {
            AttackSuite.CarliniWagnerSettings d = AttackSuite.CarliniWagnerSettings.DEFAULTS;
            AttackSuite cw = suite.withCarliniWagner(new AttackSuite.CarliniWagnerSettings(cwBinarySteps, cwSteps,
                    d.learningRate(), d.kappa(), d.initialC()));
            report(Evaluator.carliniWagner(c, t, 0, cw.carliniWagner(), token));
            Interrupts.finished();
            return 0;
        }
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

    private void report(CarliniWagnerSummary s) {
        if (json) {
            JsonLines.print(JsonLines.object("eval").put("model", model.getFileName().toString()).put("attack", "cw")
                    .put("accuracy", JsonLines.figure(s.accuracy()))
                    .put("success_rate", JsonLines.figure(s.successRate()))
                    .put("median_l2", JsonLines.figure(s.medianL2())).put("mean_l2", JsonLines.figure(s.meanL2()))
                    .put("flipped", s.flipped()).put("correct", s.correct()).put("evaluated", s.evaluated()));
        } else {
            System.out.printf(Locale.ROOT, "%-12s accuracy %.4f  success rate %.4f (%d of %d correct)  median L2 %.3f"
                    + "  mean L2 %.3f%n", "cw", s.accuracy(), s.successRate(), s.flipped(), s.correct(), s.medianL2(),
                    s.meanL2());
        }
    }

    private void print(String name, double e, double acc, double loss, int zero, int n) {
        if (json) {
            JsonLines.print(JsonLines.object("eval").put("model", model.getFileName().toString()).put("attack", name)
                    .put("epsilon", JsonLines.figure(e)).put("accuracy", JsonLines.figure(acc))
                    .put("mean_loss", JsonLines.figure(loss)).put("zero_gradient", zero).put("evaluated", n));
        } else {
            System.out.printf(Locale.ROOT, "%-12s eps %.3f  accuracy %.4f  loss %.4f  zero-gradient %d/%d%n",
                    name, e, acc, loss, zero, n);
        }
    }
}
