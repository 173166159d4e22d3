package org.unlearnlab.app.common.diagnostics;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.diagnostics.DiagnosticsReport;

import java.util.Locale;
import java.util.Objects;

/** "Diagnose model": runs the diagnostics of the current model on the engine executor and keeps the report. FX thread. */
public final class ModelDiagnosticsViewModel {
    /** As many test images as the comparison's default: about a minute on a laptop, PGD and the sweep dominate. */
    public static final int SUBSET = 1000;

    private final TaskExecutor executor;
    private final ModelDiagnostics backend;
    private final ObservableValue<ModelInfo> model;
    private final ObservableValue<ExperimentConfig> config;
    private final ReadOnlyObjectWrapper<DiagnosticsReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Checks whether the current model's robustness is real or gradient masking (" + SUBSET + " test images).");
    private BackgroundTask<DiagnosticsReport> task;

    /** Without the app's state: {@link #diagnoseCurrentModel()} then uses the default attack settings. */
    public ModelDiagnosticsViewModel(TaskExecutor executor, ModelDiagnostics backend) {
        this(executor, backend, new SimpleObjectProperty<>(), new SimpleObjectProperty<>());
    }

    /**
     * @param model  the app's current model, for the report's name
     * @param config the Experiment page's config, whose attack settings the diagnosis uses
     */
    public ModelDiagnosticsViewModel(TaskExecutor executor, ModelDiagnostics backend, ObservableValue<ModelInfo> model,
                                     ObservableValue<ExperimentConfig> config) {
        this.executor = Objects.requireNonNull(executor);
        this.backend = Objects.requireNonNull(backend);
        this.model = Objects.requireNonNull(model);
        this.config = Objects.requireNonNull(config);
    }

    /** Diagnoses the app's current model with the current config's attack settings (the button). */
    public void diagnoseCurrentModel() {
        ModelInfo m = model.getValue();
        ExperimentConfig c = config.getValue();
        diagnose(m == null ? "current model" : m.summary(), c == null ? ExperimentConfig.defaults() : c);
    }

    /** Diagnoses the current model with {@code config}'s attack settings; ignored while a diagnosis runs. */
    public void diagnose(String modelName, ExperimentConfig config) {
        if (running.get()) {
            return;
        }
        running.set(true);
        status.set("Diagnosing " + modelName + " …");
        task = BackgroundTask.of("Diagnosing " + modelName, ctx -> backend.diagnose(modelName, config, SUBSET, line -> {
            ctx.updateMessage(line);
            executor.uiExecutor().execute(() -> status.set("Diagnosing: " + line));
        }, ctx.cancellationToken()));
        executor.execute(task)
                .onSuccess(r -> {
                    report.set(r);
                    status.set(String.format(Locale.ROOT, "Diagnosed %s on %,d test images: %s", r.model(),
                            r.evaluated(), r.overall().name()));
                })
                .onCancelled(() -> status.set("Diagnosis cancelled."))
                .onFailure(e -> status.set("Diagnosis failed: " + Errors.message(e)))
                .onFinished(() -> running.set(false));
    }

    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    public ReadOnlyObjectProperty<DiagnosticsReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
