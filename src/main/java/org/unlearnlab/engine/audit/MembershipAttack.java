package org.unlearnlab.engine.audit;

/**
 * A membership-inference attack that needs only the model's probabilities: a score per sample, higher meaning
 * "more likely a training member".
 */
public enum MembershipAttack {
    /** log p(label): training members tend to have a lower loss. */
    LOSS("loss", "loss threshold"),
    /** max_k p(k): training members tend to be predicted with more confidence, whatever their label. */
    CONFIDENCE("confidence", "confidence threshold"),
    /**
     * MIA-NN, the neighbouring-class variant. The thesis's abstract says only that it uses the probabilities a model
     * assigns to neighbouring classes; as implemented here: the two classes nearest to each class c are the two
     * others with the highest mean probability on held-out images of class c (estimated on the fit half of the
     * held-out images, with the audited model), and the score is log p(label) - log(p(n1) + p(n2)). A model that
     * has seen a sample pushes its probability away from exactly the classes it is confused with; a model that never
     * saw it (the gold model) keeps the mass there that similar unseen images get.
     */
    MIA_NN("mia-nn", "MIA-NN (neighbouring classes)");

    private final String id;
    private final String label;

    MembershipAttack(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
