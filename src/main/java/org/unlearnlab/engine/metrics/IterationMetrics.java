package org.unlearnlab.engine.metrics;

import org.unlearnlab.engine.config.Metric;


/**
 * The test-set evaluation after one unlearning iteration (iteration 0 is the model before unlearning).
 *
 * @param trainSize      training samples left
 * @param removedTotal   samples removed so far
 * @param evaluated      test images evaluated (a subset during the loop, all of them for the final row)
 * @param millis         wall time of this iteration (attack, removal, retraining, evaluation)
 */
public record IterationMetrics(int iteration, int trainSize, int removedTotal, CleanSummary clean,
                               AttackSummary fgsmStable, AttackSummary fgsmPaper, AttackSummary pgd,
                               int evaluated, long millis, boolean finalFullTest) {

    public double metric(Metric m) {
        return switch (m) {
            case CLEAN -> clean.accuracy();
            case FGSM_STABLE -> fgsmStable.accuracy();
            case FGSM_PAPER -> fgsmPaper.accuracy();
            case PGD -> pgd.accuracy();
        };
    }
}
