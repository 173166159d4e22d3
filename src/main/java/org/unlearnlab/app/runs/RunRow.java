package org.unlearnlab.app.runs;

import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Path;

/**
 * One run in the Runs table. Accuracies are NaN when the run has no evaluation yet.
 *
 * @param started local date and time, "2024-05-01 14:03"
 * @param message why it failed or was cancelled, else empty
 */
public record RunRow(String name, String started, String strategy, String model, RunStatus status, double clean,
                     double fgsm, double pgd, int iterations, Path folder, String message) {
}
