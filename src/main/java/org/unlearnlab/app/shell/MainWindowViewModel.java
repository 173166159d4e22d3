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
import org.unlearnlab.app.experiment.ExperimentViewModel;
import org.unlearnlab.app.experiment.PresetLibrary;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.engine.runtime.BuildInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;


/**
 * The shell's state: which page shows (the AppContext's, which cross-page requests set too), presentation mode,
 * full screen, the status bar's texts, and what the menu bar's items do.
 */
public final class MainWindowViewModel {
    static final String LEGAL = "/unlearnlab/legal/";
    private final AppContext context;
    private final Supplier<ExperimentViewModel> experiment;
    private final BooleanProperty presentationMode = new SimpleBooleanProperty(this, "presentationMode");
    private final BooleanProperty fullScreen = new SimpleBooleanProperty(this, "fullScreen");
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
        this(context, () -> new ExperimentViewModel(context, PresetLibrary.standard()));
    }

    /**
     * @param experiment the Experiment page's view-model (made on first use): the menu's run, cancel, open and save
     *                   act on the config as that page holds it, validation included
     */
    public MainWindowViewModel(AppContext context, Supplier<ExperimentViewModel> experiment) {
        this.context = context;
        this.experiment = experiment;
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

    /** Full screen (F11), apart from presentation mode: either can be on without the other. */
    public BooleanProperty fullScreenProperty() {
        return fullScreen;
    }

    public void toggleFullScreen() {
        fullScreen.set(!fullScreen.get());
    }

    /** The pages in menu order; page n (from 1) is Ctrl+n. A page added to {@link WorkbenchPage} gets the next. */
    public List<WorkbenchPage> pages() {
        return List.of(WorkbenchPage.values());
    }

    /** Shows page {@code n} (counted from 1, as the shortcuts are); a number past the last page does nothing. */
    public void showPage(int n) {
        if (n >= 1 && n <= pages().size()) {
            pageProperty().set(pages().get(n - 1));
        }
    }

    /** Runs the Experiment page's config (Ctrl+R); where it cannot run, the page shows why. */
    public void runExperiment() {
        ExperimentViewModel vm = experiment.get();
        if (vm.runnableProperty().get()) {
            vm.run();
        } else {
            pageProperty().set(WorkbenchPage.EXPERIMENT);
            String why = vm.runBlockedReasonProperty().get();
            context.statusMessageProperty().set("Cannot run" + (why == null || why.isBlank() ? "" : ": " + why));
        }
    }

    /** Cancels the running experiment (Esc, Ctrl+.); nothing when none runs. */
    public void cancelRun() {
        if (context.experimentSession().runningProperty().get()) {
            experiment.get().cancelRun();
            context.statusMessageProperty().set("Cancelling the run: it stops after the current batch");
        }
    }

    public BooleanBinding runningProperty() {
        return context.experimentSession().runningProperty();
    }

    /** Loads a config file into the Experiment page and shows it. */
    public void openConfig(Path file) {
        ExperimentViewModel vm = experiment.get();
        vm.loadFile(file);
        context.statusMessageProperty().set(vm.messageProperty().get());
        pageProperty().set(WorkbenchPage.EXPERIMENT);
    }

    /** Saves the Experiment page's config (Ctrl+S); the status bar says where, or why not. */
    public boolean saveConfig(Path file) {
        ExperimentViewModel vm = experiment.get();
        boolean saved = vm.saveFile(file);
        context.statusMessageProperty().set(vm.messageProperty().get());
        return saved;
    }

    /** The name a new config file is offered under: the config's own. */
    public String configFileName() {
        String name = experiment.get().nameProperty().get();
        return (name == null || name.isBlank() ? "experiment" : name.strip()) + ".json";
    }

    /** Every shortcut, for Help and for the menus' own labels: key, then what it does. */
    public List<String[]> shortcuts() {
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{"Ctrl+O", "Open a config"});
        out.add(new String[]{"Ctrl+S", "Save the config"});
        out.add(new String[]{"Ctrl+R", "Run the experiment"});
        out.add(new String[]{"Esc or Ctrl+.", "Cancel the running experiment"});
        for (int i = 0; i < pages().size(); i++) {
            out.add(new String[]{"Ctrl+" + (i + 1), pages().get(i).label()});
        }
        out.add(new String[]{"F11", "Full screen"});
        out.add(new String[]{"F5 or Ctrl+P", "Presentation mode: larger text, no side rail, for a projector"});
        out.add(new String[]{"Ctrl+Q", "Quit"});
        return out;
    }

    /** About: name and version, the platform, and where the licences are. */
    public String aboutText() {
        return BuildInfo.nameAndVersion() + "\nAdversarial examples and machine unlearning on MNIST.\n"
                + "Runs on " + BuildInfo.PLATFORM + " (the native ND4J build it ships).\n"
                + "Licensed under the Apache License 2.0; the third-party notices follow it below.";
    }

    /** LICENSE, then THIRD-PARTY-NOTICES, as the build bundled them. */
    public String licenceText() {
        StringBuilder out = new StringBuilder();
        for (String name : new String[]{"THIRD-PARTY-NOTICES", "LICENSE"}) {
            try (InputStream in = MainWindowViewModel.class.getResourceAsStream(LEGAL + name)) {
                out.append(in == null ? name + " is missing from this build.\n"
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8)).append("\n\n");
            } catch (IOException e) {
                out.append(name).append(": ").append(e.getMessage()).append("\n\n");
            }
        }
        return out.toString().strip();
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
