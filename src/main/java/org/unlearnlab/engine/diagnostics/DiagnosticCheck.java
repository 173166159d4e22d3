package org.unlearnlab.engine.diagnostics;

/**
 * One check of whether a model's measured robustness can be believed.
 *
 * @param id          "zero-gradient", "pgd-vs-fgsm", "epsilon-sweep" or "transfer"
 * @param title       a short name for tables
 * @param explanation one sentence a student can follow, with the figures it rests on
 */
public record DiagnosticCheck(String id, String title, Verdict verdict, String explanation) {
}
