package org.unlearnlab.app.unlearning;

import org.unlearnlab.app.AppContext;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.attack.AttackKind;
import org.unlearnlab.engine.attack.AttackLab;
import org.unlearnlab.engine.attack.AttackSuite;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.ModelFileException;

import java.nio.file.Path;
import java.util.List;

/** Twins from the app's training set, with a run's saved model or the current one (engine thread only). */
public final class EngineTwinBackend implements TwinBackend {
    private final AppContext context;
    private Path loadedZip;
    private Classifier loaded;

    public EngineTwinBackend(AppContext context) {
        this.context = context;
    }

    @Override
    public List<AdversarialDigit> twins(List<RemovedSample> samples, Path modelZip, ExperimentConfig config,
                                        AttackKind kind, double epsilon) {
        if (context.dataset() == null) {
            throw new IllegalStateException("The dataset is still loading.");
        }
        ImageDataset train = context.dataset().train();
        int[] idx = samples.stream().mapToInt(RemovedSample::datasetIndex).toArray();
        for (int i : idx) {
            if (i < 0 || i >= train.size()) {
                throw new IllegalStateException("Removed sample " + i + " is not in the loaded training set ("
                        + train.size() + " images): the run used other data.");
            }
        }
        AttackSuite suite = AttackSuite.of(config != null ? config : ExperimentConfig.defaults());
        return AttackLab.attack(model(modelZip, config), train, idx, suite.atEpsilon(epsilon).attack(kind));
    }

    private Classifier model(Path zip, ExperimentConfig config) {
        if (zip == null) {
            Classifier m = context.engineModel();
            if (m == null) {
                throw new IllegalStateException("No model to attack with yet.");
            }
            return m;
        }
        if (!zip.equals(loadedZip)) {
            try {
                loaded = Classifier.load(zip, config.model().preset());
            } catch (ModelFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            loadedZip = zip;
        }
        return loaded;
    }
}
