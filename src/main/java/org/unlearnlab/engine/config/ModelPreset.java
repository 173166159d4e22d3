package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The architectures UnlearnLab trains; {@link #id()} is the name used in configs and on the command line. */
public enum ModelPreset {
    /** LeCun's LeNet-5 with ReLU and max-pooling: conv5x5x6 (same), pool, conv5x5x16, pool, 120, 84, 10. */
    LENET5("lenet5", "LeNet-5 (classic)"),
    /** The paper's Keras-style CNN: conv3x3x32, conv3x3x64, pool, dropout 0.25, dense 128, dropout 0.5, 10. */
    PAPER_CNN("paper-cnn", "Keras-style CNN (paper)"),
    /**
     * The network of the paper's Fig. 4, the one its title calls LeNet: conv3x3x6 (valid), 2x2 average pooling,
     * conv3x3x16 (valid), 2x2 average pooling, dense 120, dense 84, 10; ReLU throughout.
     */
    PAPER_LENET("paper-lenet", "LeNet (paper, Fig. 4)");

    private final String id;
    private final String displayName;

    ModelPreset(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    @JsonCreator
    public static ModelPreset fromId(String id) {
        for (ModelPreset p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown model preset '" + id + "' (expected one of "
                + Arrays.stream(values()).map(ModelPreset::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
