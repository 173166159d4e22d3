package org.unlearnlab.app.common.diagnostics;

import org.junit.jupiter.api.Test;
import org.unlearnlab.engine.diagnostics.DiagnosticCheck;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.Verdict;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.CleanSummary;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTextTest {

    @Test
    void badges_carry_a_word_and_a_symbol_not_only_a_colour() {
        assertEquals("✗ FAIL", DiagnosticsText.badge(Verdict.FAIL));
        assertEquals("! WARN", DiagnosticsText.badge(Verdict.WARN));
        assertEquals("✓ PASS", DiagnosticsText.badge(Verdict.PASS));
        assertEquals("verdict-fail", DiagnosticsText.styleClass(Verdict.FAIL));
    }

    @Test
    void figures_put_the_zero_gradient_count_next_to_fgsm_and_say_when_transfer_is_missing() {
        DiagnosticsReport r = new DiagnosticsReport("m", 1000, 0.1, new CleanSummary(0.985, 0.05, 1000),
                new AttackSummary("fgsm-stable", 0.1, 0.412, 1, 3, 1000),
                new AttackSummary("fgsm-paper", 0.1, 0.9, 1, 1234, 2000),
                new AttackSummary("pgd", 0.1, 0.05, 2, 0, 1000), null, null, List.of(),
                List.of(new DiagnosticCheck("zero-gradient", "Zero gradients", Verdict.FAIL, "Sentence.")), null);
        List<DiagnosticsText.Figure> f = DiagnosticsText.figures(r);
        assertEquals(List.of("Clean", "FGSM stable", "FGSM paper", "PGD", "C&W L2", "Transfer"),
                f.stream().map(DiagnosticsText.Figure::label).toList());
        assertEquals("98.5%", f.get(0).value());
        assertEquals("41.2% · zero gradient 3 of 1,000", f.get(1).value());
        assertEquals("90.0% · zero gradient 1,234 of 2,000", f.get(2).value());
        assertEquals("5.0%", f.get(3).value());
        assertEquals("not measured", f.get(4).value(), "a report written before C&W was added");
        assertEquals("not measured", f.get(5).value());
        assertTrue(DiagnosticsText.overall(r).startsWith("Do not trust"));
    }

    @Test
    void carliniWagnerShowsItsSuccessRateAndMedianDistanceAndNoDistanceWhenNothingFlipped() {
        assertEquals("success 97.5% · median L2 1.42 on 200", DiagnosticsText.carliniWagner(
                new CarliniWagnerSummary(200, 200, 195, 0.975, 1.4234, 1.5, 0.025)).value());
        assertEquals("success 0.0% · no image flipped on 10", DiagnosticsText.carliniWagner(
                CarliniWagnerSummary.of(10, 9, new double[0])).value());
    }
}
