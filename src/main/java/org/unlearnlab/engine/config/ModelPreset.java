package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The architectures UnlearnLab trains; {@link #id()} is the name used in configs and on the command line. */
public enum ModelPreset {
    /** LeCun's LeNet-5 with ReLU and max-pooling: conv5x5x6 (same), pool, conv5x5x16, pool, 120, 84, 10. */
    LENET5("lenet5", "LeNet-5 (classic)", 416_520),
    /** The paper's Keras-style CNN: conv3x3x32, conv3x3x64, pool, dropout 0.25, dense 128, dropout 0.5, 10. */
    PAPER_CNN("paper-cnn", "Keras-style CNN (paper)", 11_992_448),
    /**
     * The network of the paper's Fig. 4, the one its title calls LeNet: conv3x3x6 (valid), 2x2 average pooling,
     * conv3x3x16 (valid), 2x2 average pooling, dense 120, dense 84, 10; ReLU throughout.
     */
    PAPER_LENET("paper-lenet", "LeNet (paper, Fig. 4)", 199_968);

    /**
     * Above this many multiply-adds per image, a training step's convolutions are big enough for a second core to
     * pay for the threads' coordination. Measured on 2 cores (README, Performance): paper-cnn (12 M) went from 625
     * to 749-841 samples/s with two native threads, LeNet-5 (0.42 M) from 5,093-5,379 down to 3,450-3,669.
     */
    private static final long ALL_CORES_FROM = 2_000_000;

    private final String id;
    private final String displayName;
    private final long multiplyAdds;

    ModelPreset(String id, String displayName, long multiplyAdds) {
        this.id = id;
        this.displayName = displayName;
        this.multiplyAdds = multiplyAdds;
    }

    /** Multiply-adds of one image's forward pass (convolutions and dense layers; pooling and activations left out). */
    public long multiplyAddsPerImage() {
        return multiplyAdds;
    }

    /** Whether a training step of this network should run its native ops on every core (see {@link #ALL_CORES_FROM}). */
    public boolean trainsOnAllCores() {
        return multiplyAdds >= ALL_CORES_FROM;
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
