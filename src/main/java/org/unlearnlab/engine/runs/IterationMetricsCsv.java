package org.unlearnlab.engine.runs;

import org.unlearnlab.engine.files.CsvTable;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.IterationMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's per-iteration metrics as a CSV table for spreadsheets: one row per iteration (and the final full-test
 * row, marked), every figure at full precision. Attacks an older run did not evaluate are empty cells.
 */
public final class IterationMetricsCsv {
    public static final List<String> HEADER = List.of("iteration", "final_full_test", "train_size", "removed_total",
            "evaluated", "clean_accuracy", "clean_loss", "fgsm_stable_accuracy", "fgsm_stable_zero_gradient",
            "fgsm_paper_accuracy", "fgsm_paper_zero_gradient", "pgd_accuracy", "epsilon", "millis");

    private IterationMetricsCsv() {
    }

    public static CsvTable table(List<IterationMetrics> rows) {
        CsvTable t = new CsvTable(HEADER);
        for (IterationMetrics m : rows) {
            List<Object> v = new ArrayList<>();
            v.add(m.iteration());
            v.add(m.finalFullTest());
            v.add(m.trainSize());
            v.add(m.removedTotal());
            v.add(m.evaluated());
            v.add(m.clean() == null ? null : m.clean().accuracy());
            v.add(m.clean() == null ? null : m.clean().meanLoss());
            v.add(accuracy(m.fgsmStable()));
            v.add(m.fgsmStable() == null ? null : m.fgsmStable().zeroGradientCount());
            v.add(accuracy(m.fgsmPaper()));
            v.add(m.fgsmPaper() == null ? null : m.fgsmPaper().zeroGradientCount());
            v.add(accuracy(m.pgd()));
            AttackSummary any = m.fgsmStable() != null ? m.fgsmStable() : m.pgd();
            v.add(any == null ? null : any.epsilon());
            v.add(m.millis());
            t.add(v);
        }
        return t;
    }

    private static Double accuracy(AttackSummary a) {
        return a == null ? null : a.accuracy();
    }
}
