package org.unlearnlab.engine.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.CleanSummary;
import org.unlearnlab.engine.metrics.SweepPoint;

import java.util.List;

/**
 * Everything the diagnostics measured on one model, and the checks judged from it.
 *
 * @param model     what was diagnosed (a file name or a run's name)
 * @param transfer  FGSM examples crafted on {@code surrogate} and evaluated on the model; null when no
 *                  surrogate was available
 * @param surrogate the separately trained clean model the transfer examples were crafted on, or null
 * @param carliniWagner C&amp;W L2 on the first {@link CarliniWagnerSummary#evaluated()} of the diagnosed images; null
 *                  when it was not run, as in diagnostics.json files written before it was added
 */
public record DiagnosticsReport(String model, int evaluated, double epsilon, CleanSummary clean,
                                AttackSummary fgsmStable, AttackSummary fgsmPaper, AttackSummary pgd,
                                AttackSummary transfer, String surrogate, List<SweepPoint> sweep,
                                List<DiagnosticCheck> checks, CarliniWagnerSummary carliniWagner) {

    @JsonIgnore
    public Verdict overall() {
        Verdict v = Verdict.PASS;
        for (DiagnosticCheck c : checks) {
            v = Verdict.worst(v, c.verdict());
        }
        return v;
    }

    public DiagnosticCheck check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }
}
