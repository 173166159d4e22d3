package org.unlearnlab.app.common.diagnostics;

import org.unlearnlab.app.common.digits.Charts;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the diagnostics panel, apart from the nodes that show them, so that they can be tested without
 * a screen: verdict badges that read without colour, and the measured figures as label/value lines.
 */
public final class DiagnosticsText {
    private DiagnosticsText() {
    }

    /** One measured figure: "FGSM stable" → "41.2% · zero gradient 3 of 1,000". */
    public record Figure(String label, String value, String tooltip) {
    }

    /** "✓ PASS", "! WARN", "✗ FAIL": a symbol and a word, so the badge does not depend on its colour. */
    public static String badge(Verdict v) {
        return switch (v) {
            case PASS -> "✓ PASS";
            case WARN -> "! WARN";
            case FAIL -> "✗ FAIL";
        };
    }

    /** The CSS class of a badge: verdict-pass, verdict-warn, verdict-fail. */
    public static String styleClass(Verdict v) {
        return "verdict-" + v.id();
    }

    /** "Lenet5-final: 1,000 test images, ε = 0.100" and the overall verdict's meaning. */
    public static String heading(DiagnosticsReport r) {
        return String.format(Locale.ROOT, "%s · %,d test images · ε = %.3f", r.model(), r.evaluated(), r.epsilon());
    }

    public static String overall(DiagnosticsReport r) {
        return switch (r.overall()) {
            case PASS -> "The measured robustness can be believed: no sign of gradient masking.";
            case WARN -> "Read the robustness figures with care: a check is borderline.";
            case FAIL -> "Do not trust the robustness figures: a check shows gradient masking.";
        };
    }

    public static List<Figure> figures(DiagnosticsReport r) {
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("Clean", Charts.percent(r.clean().accuracy()), "Accuracy on the unperturbed test images"));
        out.add(attack("FGSM stable", r.fgsmStable(), true,
                "One FGSM step on the numerically stable loss (cross-entropy of the logits)"));
        out.add(attack("FGSM paper", r.fgsmPaper(), true,
                "One FGSM step on the paper's clipped-softmax loss, whose gradient is often exactly zero"));
        out.add(attack("PGD", r.pgd(), false, "Projected gradient descent: several small steps inside the ε-ball"));
        out.add(carliniWagner(r.carliniWagner()));
        out.add(r.transfer() == null
                ? new Figure("Transfer", "not measured", "No separately trained clean model was available")
                : new Figure("Transfer", Charts.percent(r.transfer().accuracy()),
                "FGSM examples crafted on " + r.surrogate() + ", evaluated on this model"));
        return out;
    }

    /** "success 97.5% · median L2 1.42 on 200": C&amp;W has no ε, so its figure is how far it had to go. */
    static Figure carliniWagner(CarliniWagnerSummary cw) {
        String label = "C&W L2";
        if (cw == null) {
            return new Figure(label, "not measured", "Carlini-Wagner L2 was not run for this report");
        }
        String median = Double.isNaN(cw.medianL2()) ? "no image flipped"
                : String.format(Locale.ROOT, "median L2 %.2f", cw.medianL2());
        return new Figure(label, String.format(Locale.ROOT, "success %s · %s on %,d", Charts.percent(cw.successRate()),
                median, cw.evaluated()), String.format(Locale.ROOT, "Carlini-Wagner L2 on the first %,d images: the "
                + "share of correctly classified ones it flipped, and the median L2 distance it needed (pixels 0 to 1). "
                + "No ε: it finds the smallest change it can.",
                cw.evaluated()));
    }

    private static Figure attack(String label, AttackSummary a, boolean zeroCount, String tooltip) {
        if (a == null) {
            return new Figure(label, "not measured", tooltip);
        }
        String value = Charts.percent(a.accuracy());
        if (zeroCount) {
            value += String.format(Locale.ROOT, " · zero gradient %,d of %,d", a.zeroGradientCount(), a.evaluated());
        }
        return new Figure(label, value, tooltip);
    }
}
