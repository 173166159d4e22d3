package org.unlearnlab.app.unlearning;

import org.unlearnlab.engine.experiment.AmunEpsilons;
import org.unlearnlab.engine.experiment.ForgetResult;
import org.unlearnlab.engine.experiment.RunAudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A forget run as read from its folder: forget-result.json, and audit.json and amun-epsilons.csv when present.
 *
 * @param audit    null until the run has been audited
 * @param epsilons empty unless the method was AMUN
 */
public record ForgetRunData(Path folder, ForgetResult result, RunAudit.Result audit,
                            List<AmunEpsilons.Entry> epsilons) {

    /** @return the forget run in {@code dir}, or null when {@code dir} is a run of another kind */
    public static ForgetRunData read(Path dir) throws IOException {
        Path file = dir.resolve(ForgetResult.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return new ForgetRunData(dir, ForgetResult.read(file), RunAudit.read(dir),
                AmunEpsilons.read(dir.resolve(AmunEpsilons.FILE)));
    }

    /** The same run with its (new) audit. */
    public ForgetRunData withAudit(RunAudit.Result a) {
        return new ForgetRunData(folder, result, a, epsilons);
    }
}
