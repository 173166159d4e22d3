package org.unlearnlab.cli;

import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;

import java.util.List;

final class Format {
    private Format() {
    }

    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    static String attack(AttackSummary a) {
        return String.format("%.4f (zero-grad %d)", a.accuracy(), a.zeroGradientCount());
    }

    static String metrics(IterationMetrics m) {
        return String.format("clean %.4f, fgsm-stable %s, fgsm-paper %s, pgd %.4f, train %d, removed %d, %d test images, %s",
                m.clean().accuracy(), attack(m.fgsmStable()), attack(m.fgsmPaper()), m.pgd().accuracy(),
                m.trainSize(), m.removedTotal(), m.evaluated(), duration(m.millis()));
    }

    /** The per-iteration table of a run summary. */
    static String table(List<IterationMetrics> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-6s %7s %7s %7s %12s %6s %12s %6s %7s %6s %8s%n", "iter", "train", "removed",
                "clean", "fgsm-stable", "zero", "fgsm-paper", "zero", "pgd", "tested", "time"));
        for (IterationMetrics m : rows) {
            b.append(String.format("%-6s %7d %7d %7.4f %12.4f %6d %12.4f %6d %7.4f %6d %8s%n",
                    m.finalFullTest() ? "final" : Integer.toString(m.iteration()), m.trainSize(), m.removedTotal(),
                    m.clean().accuracy(), m.fgsmStable().accuracy(), m.fgsmStable().zeroGradientCount(),
                    m.fgsmPaper().accuracy(), m.fgsmPaper().zeroGradientCount(), m.pgd().accuracy(), m.evaluated(),
                    duration(m.millis())));
        }
        return b.toString();
    }
}
