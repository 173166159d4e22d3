package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which samples loss-ranked removal attacks and ranks. The paper's code (its Figs. 5 and 8) crafts the
 * adversarial examples from the test set and then drops the training samples that sit at the same indices,
 * which ties nothing it removes to what it measured; {@link #PAPER_TEST_INDICES} reproduces that literally so
 * a user can see it, {@link #TRAIN} ranks the training samples themselves.
 */
public enum RankingSource {
    TRAIN("train", "Training samples (rank what is removed)"),
    PAPER_TEST_INDICES("paper-test-indices", "Test images, remove training samples at their indices (paper's code)");

    private final String id;
    private final String label;

    RankingSource(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used in JSON configs and on the command line. */
    @JsonValue
    public String id() {
        return id;
    }

    /** A human-readable name for the user interface. */
    public String label() {
        return label;
    }

    @JsonCreator
    public static RankingSource fromId(String id) {
        return ConfigEnums.fromId(RankingSource.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
