package org.unlearnlab.engine.attack;

import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.config.FgsmVariant;

/**
 * The attacks every robustness figure is made of, built in one place: FGSM under the stable (logits) loss and
 * under the paper's clipped-softmax loss, PGD, and Carlini-Wagner L2. The loop, the diagnostics, the epsilon sweep, the attack lab,
 * {@code eval} and {@code bench} all take their attacks from here, so the same settings give the same adversarial
 * examples wherever they are computed.
 *
 * <p>The seeding rule: every PGD attack starts its random generator from {@link #seed()}, the experiment's
 * training seed, afresh for each attack object. Two evaluations of the same model with the same suite therefore
 * see the same random starts, whichever page or command asked for them. C&amp;W draws nothing at random (it starts
 * from the clean image), so the rule holds for it trivially.
 */
public final class AttackSuite {
    private final double epsilon;
    private final int pgdSteps;
    private final double pgdStepSize;
    private final boolean pgdRandomStart;
    private final long seed;
    private final CarliniWagnerSettings carliniWagner;

    /**
     * Carlini-Wagner's settings; {@link #DEFAULTS} are {@link CarliniWagnerL2Attack}'s, where their sources are
     * given.
     */
    public record CarliniWagnerSettings(int binarySteps, int adamSteps, double learningRate, double kappa,
                                        double initialC) {
        public static final CarliniWagnerSettings DEFAULTS = new CarliniWagnerSettings(
                CarliniWagnerL2Attack.DEFAULT_BINARY_STEPS, CarliniWagnerL2Attack.DEFAULT_ADAM_STEPS,
                CarliniWagnerL2Attack.DEFAULT_LEARNING_RATE, CarliniWagnerL2Attack.DEFAULT_KAPPA,
                CarliniWagnerL2Attack.DEFAULT_INITIAL_C);

        /**
         * For pages that answer while the user waits (the attack lab): 5 binary-search steps of 50 Adam steps,
         * a quarter of the default's passes. Distances come out somewhat larger than with the defaults.
         */
        public static final CarliniWagnerSettings INTERACTIVE = new CarliniWagnerSettings(5, 50,
                CarliniWagnerL2Attack.DEFAULT_LEARNING_RATE, CarliniWagnerL2Attack.DEFAULT_KAPPA,
                CarliniWagnerL2Attack.DEFAULT_INITIAL_C);
    }

    /**
     * @param epsilon the L-infinity budget of {@link #fgsm(FgsmVariant)} and {@link #pgd()}
     * @param seed    seeds every PGD random start (see the class comment)
     */
    public AttackSuite(double epsilon, int pgdSteps, double pgdStepSize, boolean pgdRandomStart, long seed) {
        this(epsilon, pgdSteps, pgdStepSize, pgdRandomStart, seed, CarliniWagnerSettings.DEFAULTS);
    }

    private AttackSuite(double epsilon, int pgdSteps, double pgdStepSize, boolean pgdRandomStart, long seed,
                        CarliniWagnerSettings carliniWagner) {
        this.epsilon = epsilon;
        this.pgdSteps = pgdSteps;
        this.pgdStepSize = pgdStepSize;
        this.pgdRandomStart = pgdRandomStart;
        this.seed = seed;
        this.carliniWagner = carliniWagner;
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

    public CarliniWagnerSettings carliniWagnerSettings() {
        return carliniWagner;
    }

    /** The same suite at another budget (PGD keeps its configured step; C&amp;W has no budget). */
    public AttackSuite atEpsilon(double eps) {
        return new AttackSuite(eps, pgdSteps, pgdStepSize, pgdRandomStart, seed, carliniWagner);
    }

    /** The same suite with other C&amp;W settings (fewer steps for an interactive page, say). */
    public AttackSuite withCarliniWagner(CarliniWagnerSettings settings) {
        return new AttackSuite(epsilon, pgdSteps, pgdStepSize, pgdRandomStart, seed, settings);
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

    /** Carlini-Wagner L2 with this suite's C&amp;W settings. */
    public CarliniWagnerL2Attack carliniWagner() {
        CarliniWagnerSettings c = carliniWagner;
        return new CarliniWagnerL2Attack(c.binarySteps(), c.adamSteps(), c.learningRate(), c.kappa(), c.initialC());
    }

    /** The attack a user picked by name (attack lab, {@code eval}), at this suite's budget (C&amp;W has none). */
    public AdversarialAttack attack(AttackKind kind) {
        return switch (kind) {
            case FGSM_STABLE -> fgsm(FgsmVariant.STABLE);
            case FGSM_PAPER -> fgsm(FgsmVariant.PAPER);
            case PGD -> pgd();
            case CW -> carliniWagner();
        };
    }
}
