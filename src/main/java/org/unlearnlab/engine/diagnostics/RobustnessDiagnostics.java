package org.unlearnlab.engine.diagnostics;

import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.attack.TransferAttack;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.eval.EpsilonSweep;
import org.unlearnlab.engine.eval.Evaluator;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.SweepPoint;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Tells real robustness from gradient masking. Four checks, each judged from measured figures:
 * <ol>
 *   <li>zero-gradient: how many inputs FGSM could not move because their input gradient was exactly zero;</li>
 *   <li>pgd-vs-fgsm: an iterative attack must do at least as well as a single step;</li>
 *   <li>epsilon-sweep: with a budget of 0.5 every pixel can be pushed to grey, so accuracy must fall toward chance;</li>
 *   <li>transfer: examples crafted on a separately trained clean model must not beat attacks that use the
 *       model's own gradients.</li>
 * </ol>
 * Differences smaller than the sampling error of the test subset are warnings, not failures.
 */
public final class RobustnessDiagnostics {
    public static final String ZERO_GRADIENT = "zero-gradient";
    public static final String PGD_VS_FGSM = "pgd-vs-fgsm";
    public static final String EPSILON_SWEEP = "epsilon-sweep";
    public static final String TRANSFER = "transfer";

    /** Zero-gradient shares from which the check warns and fails. */
    static final double ZERO_WARN = 0.01;
    static final double ZERO_FAIL = 0.05;

    /**
     * C&amp;W images by default: the first 200 of those diagnosed. Its ~1,800 passes per batch make it by far the
     * slowest figure; 200 images give its success rate to a few points and its median L2 to about 0.1.
     */
    public static final int DEFAULT_CW_SUBSET = 200;

    /**
     * @param subset              test images to use (0: all)
     * @param sweepEpsilons       epsilons of the sweep; the largest should be 0.5
     * @param carliniWagnerSubset C&amp;W runs on the first this many of those images (0: not at all)
     */
    public record Settings(AttackSuite attacks, int subset, double[] sweepEpsilons, int carliniWagnerSubset) {

        /** C&amp;W on the first {@link #DEFAULT_CW_SUBSET} images. */
        public Settings(AttackSuite attacks, int subset, double[] sweepEpsilons) {
            this(attacks, subset, sweepEpsilons, DEFAULT_CW_SUBSET);
        }

        /** The config's attack suite (seeded with its training seed) and the default sweep. */
        public static Settings of(ExperimentConfig config, int subset) {
            return new Settings(AttackSuite.of(config), subset, EpsilonSweep.DEFAULT_EPSILONS);
        }

        public Settings withSweep(double[] epsilons) {
            return new Settings(attacks, subset, epsilons, carliniWagnerSubset);
        }

        public Settings withCarliniWagnerSubset(int images) {
            return new Settings(attacks, subset, sweepEpsilons, images);
        }
    }

    private RobustnessDiagnostics() {
    }

    /**
     * Measures and judges {@code model}. Call on the engine thread.
     *
     * @param surrogate a clean model trained separately on the same task, or null to skip the transfer check
     * @param progress  one line per finished measurement
     */
    public static DiagnosticsReport run(String modelName, Classifier model, TensorData test, Classifier surrogate,
                                        String surrogateName, Settings s, Consumer<String> progress,
                                        CancellationToken token) {
        int n = s.subset() <= 0 ? test.size() : Math.min(s.subset(), test.size());
        TensorData data = n == test.size() ? test : TensorData.of(test.source().head(n));
        CleanSummary clean = Evaluator.clean(model, data, 0, token);
        AttackSuite attacks = s.attacks();
        AttackSummary stable = Evaluator.attacked(model, data, 0, attacks.fgsm(FgsmVariant.STABLE), token);
        AttackSummary paper = Evaluator.attacked(model, data, 0, attacks.fgsm(FgsmVariant.PAPER), token);
        progress.accept(String.format(Locale.ROOT, "clean %.4f, FGSM-stable %.4f (zero gradient %d), FGSM-paper %.4f (zero gradient %d)",
                clean.accuracy(), stable.accuracy(), stable.zeroGradientCount(), paper.accuracy(), paper.zeroGradientCount()));
        AttackSummary pgd = Evaluator.attacked(model, data, 0, attacks.pgd(), token);
        progress.accept(String.format(Locale.ROOT, "PGD-%d %.4f", attacks.pgdSteps(), pgd.accuracy()));
        AttackSummary transfer = null;
        if (surrogate != null) {
            transfer = Evaluator.attacked(model, data, 0,
                    new TransferAttack(surrogate, attacks.fgsm(FgsmVariant.STABLE)), token);
            progress.accept(String.format(Locale.ROOT, "transfer FGSM from %s %.4f", surrogateName, transfer.accuracy()));
        }
        CarliniWagnerSummary cw = null;
        if (s.carliniWagnerSubset() > 0) {
            cw = Evaluator.carliniWagner(model, data, s.carliniWagnerSubset(), attacks.carliniWagner(), token);
            progress.accept(String.format(Locale.ROOT, "C&W L2 on %d: success rate %.4f, median L2 %.3f",
                    cw.evaluated(), cw.successRate(), cw.medianL2()));
        }
        List<SweepPoint> sweep = EpsilonSweep.run(model, data.source(), n, s.sweepEpsilons(), attacks,
                p -> progress.accept(String.format(Locale.ROOT, "sweep eps %.2f: FGSM-stable %.4f, PGD %.4f",
                        p.epsilon(), p.fgsmStable(), p.pgd())), token);
        List<DiagnosticCheck> checks = new ArrayList<>();
        checks.add(zeroGradient(stable, paper));
        checks.add(pgdVersusFgsm(stable, paper, pgd));
        checks.add(epsilonSweep(sweep, data.source().numClasses()));
        checks.add(transfer(stable, paper, pgd, transfer, surrogateName));
        return new DiagnosticsReport(modelName, n, attacks.epsilon(), clean, stable, paper, pgd, transfer,
                surrogate == null ? null : surrogateName, sweep, checks, cw);
    }

    /** Inputs FGSM could not move were counted as robust without being attacked. */
    public static DiagnosticCheck zeroGradient(AttackSummary stable, AttackSummary paper) {
        AttackSummary worse = paper.zeroGradientShare() > stable.zeroGradientShare() ? paper : stable;
        double share = worse.zeroGradientShare();
        String title = "Zero input gradients";
        if (share == 0) {
            return new DiagnosticCheck(ZERO_GRADIENT, title, Verdict.PASS,
                    "No input had an exactly zero gradient under either FGSM loss, so FGSM moved every image.");
        }
        String what = String.format(Locale.ROOT, "%d of %d inputs (%s) had an exactly zero input gradient under the %s loss",
                worse.zeroGradientCount(), worse.evaluated(), percent(share), variant(worse));
        if (share < ZERO_WARN) {
            return new DiagnosticCheck(ZERO_GRADIENT, title, Verdict.PASS,
                    what + ", too few to change the adversarial accuracy much.");
        }
        Verdict v = share < ZERO_FAIL ? Verdict.WARN : Verdict.FAIL;
        return new DiagnosticCheck(ZERO_GRADIENT, title, v, what
                + ": FGSM left those images unchanged and counted them as robust, so that accuracy overstates robustness"
                + (worse == paper && stable.zeroGradientShare() < ZERO_WARN ? " (the stable loss on the logits does not have this blind spot)." : "."));
    }

    /** An iterative attack with the same budget should never leave more inputs correct than one step. */
    public static DiagnosticCheck pgdVersusFgsm(AttackSummary stable, AttackSummary paper, AttackSummary pgd) {
        AttackSummary fgsm = stable.accuracy() <= paper.accuracy() ? stable : paper;
        double gap = pgd.accuracy() - fgsm.accuracy();
        double tol = tolerance(fgsm.accuracy(), fgsm.evaluated());
        String title = "PGD at least as strong as FGSM";
        String figures = String.format(Locale.ROOT, "PGD accuracy %.3f vs FGSM accuracy %.3f with the %s loss",
                pgd.accuracy(), fgsm.accuracy(), variant(fgsm));
        if (gap <= 0) {
            return new DiagnosticCheck(PGD_VS_FGSM, title, Verdict.PASS,
                    figures + ": the iterative attack is at least as strong as one step, as it should be.");
        }
        if (gap <= tol) {
            return new DiagnosticCheck(PGD_VS_FGSM, title, Verdict.WARN, figures
                    + ": PGD is slightly weaker than FGSM, within the sampling error, which a model with informative gradients rarely shows.");
        }
        return new DiagnosticCheck(PGD_VS_FGSM, title, Verdict.FAIL, figures
                + ": many steps of the same attack should never do worse than one, so the gradients are misleading the attack (gradient masking) or PGD's step size is too small.");
    }

    /** With eps 0.5 every pixel can be pushed to grey: no classifier can stay accurate. */
    public static DiagnosticCheck epsilonSweep(List<SweepPoint> sweep, int classes) {
        String title = "Accuracy falls toward chance as eps grows";
        double chance = 1.0 / classes;
        if (sweep.isEmpty()) {
            return new DiagnosticCheck(EPSILON_SWEEP, title, Verdict.WARN, "No epsilon sweep was measured.");
        }
        SweepPoint last = sweep.get(sweep.size() - 1);
        double strongest = strongest(last);
        int n = last.evaluated();
        String figures = String.format(Locale.ROOT, "at eps %.2f the strongest attack leaves accuracy at %.3f (chance %.2f)",
                last.epsilon(), strongest, chance);
        if (last.epsilon() < 0.3) {
            return new DiagnosticCheck(EPSILON_SWEEP, title, Verdict.WARN, "The sweep stops at eps "
                    + String.format(Locale.ROOT, "%.2f", last.epsilon()) + "; extend it to 0.5 to see whether accuracy falls to chance.");
        }
        // A real curve falls; a rise by more than the sampling error means the attack stopped reaching the model.
        for (int i = 1; i < sweep.size(); i++) {
            double before = strongest(sweep.get(i - 1));
            double after = strongest(sweep.get(i));
            if (after - before > tolerance(before, n)) {
                return new DiagnosticCheck(EPSILON_SWEEP, title, Verdict.FAIL, String.format(Locale.ROOT,
                        "Accuracy rose from %.3f at eps %.2f to %.3f at eps %.2f: a larger budget can only help an attack that follows real gradients, so these gradients are misleading.",
                        before, sweep.get(i - 1).epsilon(), after, sweep.get(i).epsilon()));
            }
        }
        if (strongest <= chance + 0.1) {
            return new DiagnosticCheck(EPSILON_SWEEP, title, Verdict.PASS,
                    capitalise(figures) + ": the attacks reach the model, as they should.");
        }
        Verdict v = strongest <= 0.5 ? Verdict.WARN : Verdict.FAIL;
        return new DiagnosticCheck(EPSILON_SWEEP, title, v, capitalise(figures)
                + ", although a budget this large can turn every digit into grey noise: the attacks are not reaching the model, which points to gradient masking rather than robustness.");
    }

    /** Examples crafted on another model should be weaker than the model's own white-box attacks. */
    public static DiagnosticCheck transfer(AttackSummary stable, AttackSummary paper, AttackSummary pgd,
                                           AttackSummary transfer, String surrogateName) {
        String title = "White-box attacks beat transferred ones";
        if (transfer == null) {
            return new DiagnosticCheck(TRANSFER, title, Verdict.WARN,
                    "No separately trained clean model was available, so the transfer attack was not run.");
        }
        double whiteBox = Math.min(stable.accuracy(), Math.min(paper.accuracy(), pgd.accuracy()));
        double gap = whiteBox - transfer.accuracy();
        String figures = String.format(Locale.ROOT, "FGSM examples crafted on %s leave accuracy at %.3f vs %.3f for the best attack using this model's own gradients",
                surrogateName, transfer.accuracy(), whiteBox);
        if (gap <= 0) {
            return new DiagnosticCheck(TRANSFER, title, Verdict.PASS,
                    capitalise(figures) + ": the model's own gradients find its weaknesses better, as they should.");
        }
        Verdict v = gap <= tolerance(whiteBox, transfer.evaluated()) ? Verdict.WARN : Verdict.FAIL;
        return new DiagnosticCheck(TRANSFER, title, v, capitalise(figures)
                + ": an attacker who never saw this model does better than one who did, so its gradients hide its weakness (gradient masking).");
    }

    /** Two standard errors of an accuracy measured on n inputs, and never less than one point. */
    static double tolerance(double accuracy, int n) {
        return Math.max(0.01, 2 * Math.sqrt(accuracy * (1 - accuracy) / Math.max(1, n)));
    }

    private static double strongest(SweepPoint p) {
        return Math.min(p.fgsmStable(), Math.min(p.fgsmPaper(), p.pgd()));
    }

    private static String variant(AttackSummary s) {
        return s.attack().endsWith("paper") ? "paper's clipped-softmax" : "stable (logits)";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
