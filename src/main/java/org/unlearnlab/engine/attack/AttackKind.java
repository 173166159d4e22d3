package org.unlearnlab.engine.attack;


/** The attacks a user can pick in the attack lab and {@code eval}; {@link AttackSuite#attack} builds them. */
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

    @Override
    public String toString() {
        return label;
    }
}
