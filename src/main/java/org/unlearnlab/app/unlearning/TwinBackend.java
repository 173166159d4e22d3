package org.unlearnlab.app.unlearning;

import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.nio.file.Path;
import java.util.List;

/**
 * Recomputes the adversarial twins of removed training samples. Runs on the engine thread only; the
 * view-model hands it plain indices and gets plain arrays back, and its tests use a fake.
 */
public interface TwinBackend {

    /**
     * Attacks the training images {@code samples} with the model that {@code modelZip} holds, or with the app's
     * current model when {@code modelZip} is null.
     */
    List<AdversarialDigit> twins(List<RemovedSample> samples, Path modelZip, ExperimentConfig config,
                                 AttackKind kind, double epsilon);

    /** The attack the run ranked by: FGSM with the config's loss variant. */
    static AttackKind rankingAttack(ExperimentConfig config) {
        return config != null && config.attack().fgsmVariant() == org.unlearnlab.engine.config.FgsmVariant.PAPER
                ? AttackKind.FGSM_PAPER : AttackKind.FGSM_STABLE;
    }
}
