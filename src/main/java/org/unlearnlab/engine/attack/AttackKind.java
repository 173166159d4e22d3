package org.unlearnlab.engine.attack;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;

/** The attacks a user can pick in the attack lab and the sweep. */
public enum AttackKind {
    FGSM_STABLE("fgsm-stable", "FGSM (stable loss)"),
    FGSM_PAPER("fgsm-paper", "FGSM (paper loss)"),
    PGD("pgd", "PGD");

    private final String id;
    private final String label;

    AttackKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The attack with budget {@code epsilon}; PGD takes its steps, step size and start from {@code settings}. */
    public AdversarialAttack create(double epsilon, ExperimentConfig.Attack settings, long seed) {
        return switch (this) {
            case FGSM_STABLE -> new FgsmAttack(epsilon, FgsmVariant.STABLE);
            case FGSM_PAPER -> new FgsmAttack(epsilon, FgsmVariant.PAPER);
            case PGD -> new PgdAttack(epsilon, settings.pgdSteps(), settings.pgdStepSize(), settings.pgdRandomStart(), seed);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
