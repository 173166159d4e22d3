package org.unlearnlab.app.runs;

import org.unlearnlab.engine.runs.RunStatus;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One run in the Runs table. Accuracies are NaN and counts -1 when the run has no evaluation yet.
 *
 * @param started           local date and time, "2024-05-01 14:03" (sorts as text)
 * @param paperZeroGradient test inputs whose FGSM-paper gradient was zero, so the attack left them unchanged
 * @param finalFullTest     the metrics are the final evaluation on the whole test set, not the last subset
 * @param message           why it failed or was cancelled, else empty
 */
public record RunRow(String name, String started, String strategy, String model, RunStatus status, double clean,
                     double fgsmStable, double fgsmPaper, int paperZeroGradient, double pgd, int removed,
                     int iterations, boolean finalFullTest, Path folder, String message) {

    /** Whether every word of {@code filter} occurs in the name, strategy, model or status (any case). */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String haystack = String.join("\n", name, strategy, model, status.id()).toLowerCase(Locale.ROOT);
        for (String word : filter.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Stopped before its end (killed, cancelled or failed): one its folder may let continue. */
    public boolean resumable() {
        return status == RunStatus.INCOMPLETE || status == RunStatus.CANCELLED || status == RunStatus.FAILED;
    }

    /** A live run: its process is still writing the folder (a dead one reads as incomplete). */
    public boolean running() {
        return status == RunStatus.RUNNING;
    }
}
