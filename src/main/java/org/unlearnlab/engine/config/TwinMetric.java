package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a forgotten sample's twin is found among the spares: the distance it minimises. */
public enum TwinMetric {
    L2("l2", "Raw-pixel Euclidean distance"),
    MAHALANOBIS("mahalanobis", "Raw-pixel Mahalanobis distance (shrinkage covariance)"),
    FEATURE_COSINE("feature-cosine", "Cosine distance of the model's features"),
    FEATURE_MAHALANOBIS("feature-mahalanobis", "Mahalanobis distance of the model's features (shrinkage covariance)");

    private final String id;
    private final String label;

    TwinMetric(String id, String label) {
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
    public static TwinMetric fromId(String id) {
        return ConfigEnums.fromId(TwinMetric.class, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
