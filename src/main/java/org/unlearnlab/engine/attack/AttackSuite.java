package org.unlearnlab.engine.attack;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;

/**
 * The attacks every robustness figure is made of, built in one place: FGSM under the stable (logits) loss and
 * under the paper's clipped-softmax loss, and PGD. The loop, the diagnostics, the epsilon sweep, the attack lab,
 * {@code eval} and {@code bench} all take their attacks from here, so the same settings give the same adversarial
 * examples wherever they are computed.
 *
 * <p>The seeding rule: every PGD attack starts its random generator from {@link #seed()}, the experiment's
 * training seed, afresh for each attack object. Two evaluations of the same model with the same suite therefore
 * see the same random starts, whichever page or command asked for them.
 */
public final class AttackSuite {
    private final double epsilon;
    private final int pgdSteps;
    private final double pgdStepSize;
    private final boolean pgdRandomStart;
    private final long seed;

    /**
     * @param epsilon the L-infinity budget of {@link #fgsm(FgsmVariant)} and {@link #pgd()}
     * @param seed    seeds every PGD random start (see the class comment)
     */
    public AttackSuite(double epsilon, int pgdSteps, double pgdStepSize, boolean pgdRandomStart, long seed) {
        this.epsilon = epsilon;
        this.pgdSteps = pgdSteps;
        this.pgdStepSize = pgdStepSize;
        this.pgdRandomStart = pgdRandomStart;
        this.seed = seed;
    }

    /** The attack section of {@code config}, seeded with its training seed. */
    public static AttackSuite of(ExperimentConfig config) {
        return of(config.attack(), config.training().seed());
    }

    public static AttackSuite of(ExperimentConfig.Attack settings, long seed) {
        return new AttackSuite(settings.epsilon(), settings.pgdSteps(), settings.pgdStepSize(),
                settings.pgdRandomStart(), seed);
    }

    public double epsilon() {
        return epsilon;
    }

    public int pgdSteps() {
        return pgdSteps;
    }

    public double pgdStepSize() {
        return pgdStepSize;
    }

    public boolean pgdRandomStart() {
        return pgdRandomStart;
    }

    public long seed() {
        return seed;
    }

    /** The same suite at another budget (PGD keeps its configured step). */
    public AttackSuite atEpsilon(double eps) {
        return new AttackSuite(eps, pgdSteps, pgdStepSize, pgdRandomStart, seed);
    }

    public FgsmAttack fgsm(FgsmVariant loss) {
        return new FgsmAttack(epsilon, loss);
    }

    /** PGD with the configured steps and step size. */
    public PgdAttack pgd() {
        return new PgdAttack(epsilon, pgdSteps, pgdStepSize, pgdRandomStart, seed);
    }

    /**
     * PGD whose step grows with the budget (at least 2.5 eps / steps), so that its steps can cross the whole ball
     * at every epsilon of a sweep; with the configured step alone, PGD at eps 0.5 could move at most
     * steps x step and would understate what the budget allows.
     */
    public PgdAttack pgdScaledToEpsilon() {
        return new PgdAttack(epsilon, pgdSteps, Math.max(pgdStepSize, 2.5 * epsilon / pgdSteps), pgdRandomStart, seed);
    }

    /** The attack a user picked by name (attack lab, {@code eval}), at this suite's budget. */
    public AdversarialAttack attack(AttackKind kind) {
        return switch (kind) {
            case FGSM_STABLE -> fgsm(FgsmVariant.STABLE);
            case FGSM_PAPER -> fgsm(FgsmVariant.PAPER);
            case PGD -> pgd();
        };
    }
}
