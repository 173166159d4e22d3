package org.unlearnlab.app.common.diagnostics;

import org.unlearnlab.app.AppContext;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.diagnostics.CleanSurrogate;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;
import org.unlearnlab.engine.diagnostics.RobustnessDiagnostics;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;

import java.util.function.Consumer;

/**
 * {@link RobustnessDiagnostics} of the app's current model on the loaded test set, with the transfer attack
 * crafted on {@link CleanSurrogate#forData} (the bundled LeNet-5 for MNIST). Engine thread only.
 */
public final class EngineModelDiagnostics implements ModelDiagnostics {
    private final AppContext context;

    public EngineModelDiagnostics(AppContext context) {
        this.context = context;
    }

    @Override
    public DiagnosticsReport diagnose(String modelName, ExperimentConfig config, int subset, Consumer<String> progress,
                                      CancellationToken token) throws Exception {
        Classifier model = context.engineModel();
        DatasetSplit split = context.dataset();
        if (model == null || split == null) {
            throw new IllegalStateException(split == null ? "The dataset is still loading."
                    : "No model yet: train one on the Training page, or wait for the bundled model to load.");
        }
        TensorData test = TensorData.of(split.test());
        CleanSurrogate surrogate = CleanSurrogate.forData(split.train(), test, config.training().epochs(),
                config.training().seed(), model, new ExperimentListener() {
                    @Override
                    public void log(String line) {
                        progress.accept(line);
                    }
                }, token);
        return RobustnessDiagnostics.run(modelName, model, test, surrogate.model(), surrogate.name(),
                RobustnessDiagnostics.Settings.of(config, subset), progress, token);
    }
}
