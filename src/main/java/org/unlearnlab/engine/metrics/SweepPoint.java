package org.unlearnlab.engine.metrics;

/** Accuracy under each attack at one epsilon, with the share of inputs whose FGSM gradient was zero. */
public record SweepPoint(double epsilon, double fgsmStable, double fgsmPaper, double pgd, double zeroShareStable,
                         double zeroSharePaper, int evaluated) {
}
