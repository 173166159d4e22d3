package org.unlearnlab.engine.attack;

/** The attacks a user can pick in the attack lab and {@code eval}; {@link AttackSuite#attack} builds them. */
public enum AttackKind {
    FGSM_STABLE("fgsm-stable", "FGSM (stable loss)"),
    FGSM_PAPER("fgsm-paper", "FGSM (paper loss)"),
    PGD("pgd", "PGD"),
    /** No epsilon: it finds the smallest L2 change instead (see {@link CarliniWagnerL2Attack}). */
    CW("cw", "C&W L2");

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

    /** Whether the attack stays within an L-infinity epsilon (C&amp;W does not: it minimises L2). */
    public boolean usesEpsilon() {
        return this != CW;
    }

    @Override
    public String toString() {
        return label;
    }
}
