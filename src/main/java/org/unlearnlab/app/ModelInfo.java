package org.unlearnlab.app;

import org.unlearnlab.engine.config.ModelPreset;

/**
 * What the UI may know about the current model: enough for the status bar and for views to notice that the
 * model changed (a new {@link #version()} each time), without touching the engine-side object.
 *
 * @param origin         where it came from, e.g. "bundled, trained on all MNIST"
 * @param parameterCount trainable parameters
 * @param version        increases with every model the app installs
 */
public record ModelInfo(ModelPreset preset, String origin, long parameterCount, long version) {

    /** "LeNet-5 (classic) · bundled, trained on all MNIST". */
    public String summary() {
        return preset.displayName() + " · " + origin;
    }
}
