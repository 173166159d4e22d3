package org.unlearnlab.faults;

import org.unlearnlab.engine.config.ExperimentConfig;

/** Small lenet5 configs on the bundled MNIST, for fault tests that need a real run in seconds. */
public final class TinyConfig {
    private TinyConfig() {
    }

    /**
     * One epoch of batch 64 on the first {@code train} and {@code test} images, then {@code iterations}
     * iterations removing {@code k} samples each (threshold 1.0, so only the budget ends it), PGD of
     * {@code pgdSteps} steps, evaluations on {@code subset} test images.
     */
    public static ExperimentConfig of(String name, int train, int test, int k, int iterations, int pgdSteps,
                                      int subset, boolean finalFullTest) {
        ExperimentConfig d = ExperimentConfig.defaults();
        return d.withName(name)
                .withData(new ExperimentConfig.Data(null, train, test))
                .withTraining(new ExperimentConfig.Training(1, 64, 1e-3, 7))
                .withAttack(new ExperimentConfig.Attack(0.1, d.attack().fgsmVariant(), pgdSteps, 0.04, true))
                .withUnlearning(new ExperimentConfig.Unlearning(d.unlearning().strategy(), k, iterations, 1.0,
                        d.unlearning().thresholdMetric(), d.unlearning().retrain(), 1, Math.min(200, train / 2)))
                .withEvaluation(new ExperimentConfig.Evaluation(subset, finalFullTest));
    }
}
