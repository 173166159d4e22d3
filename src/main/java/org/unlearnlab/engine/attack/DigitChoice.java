package org.unlearnlab.engine.attack;

/** Which test digits the attack lab shows. */
public enum DigitChoice {
    RANDOM("Random"),
    MISCLASSIFIED("Misclassified only"),
    HIGHEST_LOSS("Highest loss");

    private final String label;

    DigitChoice(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
