package org.unlearnlab.app.experiment;

import org.unlearnlab.engine.config.ExperimentConfig;

/**
 * One of the sample configs offered as a one-click preset.
 *
 * @param title  the button text, e.g. "Classroom"
 * @param source the file it came from, for messages
 */
public record ConfigPreset(String title, String source, ExperimentConfig config) {
}
