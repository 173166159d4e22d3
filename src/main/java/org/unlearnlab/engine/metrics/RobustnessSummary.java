package org.unlearnlab.engine.metrics;

/**
 * One model measured by the whole attack suite on one set of inputs: clean, FGSM under both losses, PGD.
 * Each attack figure carries its zero-gradient count, so the FGSM accuracy is never shown without it.
 */
public record RobustnessSummary(CleanSummary clean, AttackSummary fgsmStable, AttackSummary fgsmPaper,
                                AttackSummary pgd) {
}
