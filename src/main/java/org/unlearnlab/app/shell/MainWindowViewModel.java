package org.unlearnlab.app.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ModelInfo;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.BackgroundTask;


/**
 * The shell's state: which page shows (the AppContext's, which cross-page requests set too), presentation mode,
 * and the status bar's texts.
 */
public final class MainWindowViewModel {
    private final AppContext context;
    private final BooleanProperty presentationMode = new SimpleBooleanProperty(this, "presentationMode");
    private final StringBinding datasetText;
    private final BooleanBinding datasetMissing;
    private final StringBinding modelText;
    private final BooleanBinding modelMissing;
    private final StringBinding activityText;
    private final DoubleBinding activityProgress;
    private final BooleanBinding busy;
    private final StringProperty taskMessage = new SimpleStringProperty(this, "taskMessage", "");
    private final DoubleProperty taskProgress = new SimpleDoubleProperty(this, "taskProgress", 0);

    public MainWindowViewModel(AppContext context) {
        this.context = context;
        datasetText = Bindings.createStringBinding(() -> context.datasetProperty().get() == null
                        ? "Dataset: loading…" : "Dataset: " + StartupLoader.describe(context.datasetProperty().get()),
                context.datasetProperty());
        datasetMissing = context.datasetProperty().isNull();
        modelText = Bindings.createStringBinding(() -> {
            ModelInfo m = context.modelProperty().get();
            return m == null ? "Model: none loaded yet" : "Model: " + m.summary();
        }, context.modelProperty());
        modelMissing = context.modelProperty().isNull();

        ReadOnlyObjectProperty<BackgroundTask<?>> task = context.taskExecutor().currentTaskProperty();
        // The running task's own properties change while it runs, so these follow whichever task is current.
        task.addListener((obs, old, now) -> followTask(now));
        followTask(task.getValue());
        busy = Bindings.isNotNull(task);
        activityText = Bindings.createStringBinding(() -> {
            BackgroundTask<?> t = task.getValue();
            if (t == null) {
                String status = context.statusMessageProperty().get();
                return status == null || status.isBlank() ? "Idle" : status;
            }
            String message = taskMessage.get();
            return t.title() + (message == null || message.isBlank() ? "…" : ": " + message);
        }, task, taskMessage, context.statusMessageProperty());
        activityProgress = Bindings.createDoubleBinding(taskProgress::get, taskProgress);
    }

    private void followTask(BackgroundTask<?> task) {
        taskMessage.unbind();
        taskProgress.unbind();
        if (task == null) {
            taskMessage.set("");
            taskProgress.set(0);
        } else {
            taskMessage.bind(task.messageProperty());
            taskProgress.bind(task.progressProperty());
        }
    }

    public ObjectProperty<WorkbenchPage> pageProperty() {
        return context.pageProperty();
    }

    public BooleanProperty presentationModeProperty() {
        return presentationMode;
    }

    public void togglePresentationMode() {
        presentationMode.set(!presentationMode.get());
    }

    public StringBinding datasetTextProperty() {
        return datasetText;
    }

    public BooleanBinding datasetMissingProperty() {
        return datasetMissing;
    }

    public StringBinding modelTextProperty() {
        return modelText;
    }

    public BooleanBinding modelMissingProperty() {
        return modelMissing;
    }

    /** "Training model: epoch 1/2 · batch 3/8", or the last status message when nothing runs. */
    public StringBinding activityTextProperty() {
        return activityText;
    }

    /** The running task's progress, -1 for indeterminate. */
    public DoubleBinding activityProgressProperty() {
        return activityProgress;
    }

    public BooleanBinding busyProperty() {
        return busy;
    }
}
